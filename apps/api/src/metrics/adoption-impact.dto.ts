import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DETECTION_STAGES, type DetectionStage } from '@escapement/domain';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

export class AdoptionImpactQuery {
  @ApiPropertyOptional({ description: 'Adoption id (or give team or service: their first adoption)' })
  @IsOptional() @IsUUID()
  adoption?: string;

  @ApiPropertyOptional() @IsOptional() @IsUUID() team?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() service?: string;

  @ApiPropertyOptional({ enum: DETECTION_STAGES, default: 'ci' })
  @IsOptional() @IsIn(DETECTION_STAGES)
  boundary: DetectionStage = 'ci';

  @ApiPropertyOptional({ description: 'Days on each side of the adoption; default: the longest equal windows with mature data, up to 365' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(14) @Max(1095)
  windowDays?: number;

  @ApiPropertyOptional({ default: 90, description: 'Follow-up a cohort needs before it is used' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(3650)
  followUpDays?: number;
}

export class ImpactResponse {
  @ApiProperty() adoption!: { id: string; team: string | null; service: string | null; practice: string; startedAt: string };
  @ApiProperty({ enum: DETECTION_STAGES }) boundary!: DetectionStage;
  @ApiProperty() windowDays!: number;
  @ApiProperty() followUpDays!: number;
  @ApiProperty() windows!: { before: { from: string; to: string }; after: { from: string; to: string } };
  @ApiProperty() control!: { services: number };
  @ApiProperty({ description: 'One entry per finding class, and "all"' }) classes!: unknown[];
}
