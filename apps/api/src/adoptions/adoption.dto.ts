import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { AdoptionDto } from '@escapement/domain';
import { IsISO8601, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import type { AdoptionEntity } from './adoption.entity';

export class CreateAdoptionRequest {
  @ApiPropertyOptional({ description: 'The adopting team (give a team or a service, not both)' })
  @IsOptional()
  @IsUUID()
  teamId?: string;

  @ApiPropertyOptional({ description: 'The adopting service (give a team or a service, not both)' })
  @IsOptional()
  @IsUUID()
  serviceId?: string;

  @ApiProperty({ example: 'context-aware-development' })
  @IsString()
  @Length(1, 100)
  @Matches(/^[a-z0-9][a-z0-9-_ ]*$/i, { message: 'practice must be letters, digits, spaces, dashes or underscores' })
  practice!: string;

  @ApiProperty({ example: '2026-03-01', description: 'The date the practice started (YYYY-MM-DD)' })
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'startedAt must be a date as YYYY-MM-DD' })
  startedAt!: string;
}

export class AdoptionResponse implements AdoptionDto {
  @ApiProperty() id!: string;
  @ApiProperty({ nullable: true, type: String }) teamId!: string | null;
  @ApiProperty({ nullable: true, type: String }) teamName!: string | null;
  @ApiProperty({ nullable: true, type: String }) serviceId!: string | null;
  @ApiProperty({ nullable: true, type: String }) serviceName!: string | null;
  @ApiProperty() practice!: string;
  @ApiProperty() startedAt!: string;
  @ApiProperty({ nullable: true, type: String, description: 'When the practice ended (YYYY-MM-DD)' }) retiredAt!: string | null;
  @ApiProperty() createdAt!: string;
}

export function mapAdoption(adoption: AdoptionEntity): AdoptionResponse {
  return {
    id: adoption.id,
    teamId: adoption.teamId,
    teamName: adoption.team?.name ?? null,
    serviceId: adoption.serviceId,
    serviceName: adoption.service?.name ?? null,
    practice: adoption.practice,
    startedAt: adoption.startedAt,
    retiredAt: adoption.retiredAt,
    createdAt: adoption.createdAt.toISOString(),
  };
}

export class AdoptionIdParam {
  @IsUUID() id!: string;
}

/** Corrects an adoption's practice or start date. */
export class UpdateAdoptionRequest {
  @ApiPropertyOptional({ example: 'context-aware-development' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  @Matches(/^[a-z0-9][a-z0-9-_ ]*$/i, { message: 'practice must be letters, digits, spaces, dashes or underscores' })
  practice?: string;

  @ApiPropertyOptional({ example: '2026-03-01' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'startedAt must be a date as YYYY-MM-DD' })
  startedAt?: string;
}

/** Ends an adoption: the team stopped the practice on this date. */
export class RetireAdoptionRequest {
  @ApiProperty({ example: '2026-09-30' })
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'retiredAt must be a date as YYYY-MM-DD' })
  retiredAt!: string;
}
