import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { ChangeContextQuery } from '../changes/change.dto';
import { AdoptionImpactQuery } from '../metrics/adoption-impact.dto';
import { ContainmentQuery } from '../metrics/containment.dto';
import { EscapeRateQuery } from '../metrics/escape-rate.dto';
import { TABLE_EXPORT_FORMATS, type TableExportFormat } from './export.dto';

/**
 * Each metric export takes its metric's own parameters (as `GET /api/v1/metrics/<name>` does), with team
 * and service by id or by name, and the file format.
 */
export const METRIC_EXPORTS = ['escape-rate', 'adoption-impact', 'containment', 'change-context'] as const;
export type MetricExportName = (typeof METRIC_EXPORTS)[number];

const FORMAT = { enum: TABLE_EXPORT_FORMATS };
const formatMessage = { message: `format must be one of ${TABLE_EXPORT_FORMATS.join(', ')}` };
const TEAM = { description: 'Team id or name' };
const SERVICE = { description: 'Service id or name' };

export class EscapeRateExportQuery extends OmitType(EscapeRateQuery, ['team', 'service'] as const) {
  @ApiProperty(FORMAT) @IsIn(TABLE_EXPORT_FORMATS, formatMessage) format!: TableExportFormat;
  @ApiPropertyOptional(TEAM) @IsOptional() @IsString() @Length(1, 200) team?: string;
  @ApiPropertyOptional(SERVICE) @IsOptional() @IsString() @Length(1, 200) service?: string;
}

export class AdoptionImpactExportQuery extends OmitType(AdoptionImpactQuery, ['team', 'service'] as const) {
  @ApiProperty(FORMAT) @IsIn(TABLE_EXPORT_FORMATS, formatMessage) format!: TableExportFormat;
  @ApiPropertyOptional(TEAM) @IsOptional() @IsString() @Length(1, 200) team?: string;
  @ApiPropertyOptional(SERVICE) @IsOptional() @IsString() @Length(1, 200) service?: string;
}

export class ContainmentExportQuery extends OmitType(ContainmentQuery, ['team', 'service'] as const) {
  @ApiProperty(FORMAT) @IsIn(TABLE_EXPORT_FORMATS, formatMessage) format!: TableExportFormat;
  @ApiPropertyOptional(TEAM) @IsOptional() @IsString() @Length(1, 200) team?: string;
  @ApiPropertyOptional(SERVICE) @IsOptional() @IsString() @Length(1, 200) service?: string;
}

export class ChangeContextExportQuery extends OmitType(ChangeContextQuery, ['team', 'service'] as const) {
  @ApiProperty(FORMAT) @IsIn(TABLE_EXPORT_FORMATS, formatMessage) format!: TableExportFormat;
  @ApiPropertyOptional(TEAM) @IsOptional() @IsString() @Length(1, 200) team?: string;
  @ApiPropertyOptional(SERVICE) @IsOptional() @IsString() @Length(1, 200) service?: string;
}
