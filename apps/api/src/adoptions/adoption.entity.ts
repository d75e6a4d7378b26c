import { DETECTION_STAGES, type DetectionStage, type PrimaryFindingClass } from '@escapement/domain';
import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ServiceEntity } from '../services/service.entity';
import { TeamEntity } from '../teams/team.entity';

/** A team or a service started a context-aware practice on a date. */
@Entity('adoptions')
export class AdoptionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'team_id', type: 'uuid', nullable: true })
  teamId!: string | null;

  @ManyToOne(() => TeamEntity, { nullable: true })
  @JoinColumn({ name: 'team_id' })
  team?: TeamEntity | null;

  @Column({ name: 'service_id', type: 'uuid', nullable: true })
  serviceId!: string | null;

  @ManyToOne(() => ServiceEntity, { nullable: true })
  @JoinColumn({ name: 'service_id' })
  service?: ServiceEntity | null;

  @Column({ type: 'text' })
  practice!: string;

  /** A calendar date (YYYY-MM-DD), not an instant. */
  @Column({ name: 'started_at', type: 'date' })
  startedAt!: string;

  /** When the practice ended, if it did (YYYY-MM-DD). */
  @Column({ name: 'retired_at', type: 'date', nullable: true })
  retiredAt!: string | null;

  /** The primary analysis, fixed in advance (see PrimaryAnalysis). */
  @Column({ name: 'primary_finding_class', type: 'text' })
  primaryFindingClass!: PrimaryFindingClass;

  @Column({ name: 'primary_boundary', type: 'enum', enum: DETECTION_STAGES, enumName: 'detection_stage' })
  primaryBoundary!: DetectionStage;

  @Column({ name: 'primary_horizon_rule', type: 'text' })
  primaryHorizonRule!: string;

  /** numeric in PostgreSQL (exact), a number here. */
  @Column({ name: 'primary_mid', type: 'numeric', transformer: { to: (value: number) => value, from: (value: string) => Number(value) } })
  primaryMid!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
