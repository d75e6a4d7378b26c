import { ApiProperty, OmitType } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { ListFindingsQuery } from '../findings/finding.dto';

export const FINDING_EXPORT_FORMATS = ['csv', 'xlsx', 'json', 'sarif'] as const;
export type FindingExportFormat = (typeof FINDING_EXPORT_FORMATS)[number];

export const TABLE_EXPORT_FORMATS = ['csv', 'xlsx', 'json'] as const;
export type TableExportFormat = (typeof TABLE_EXPORT_FORMATS)[number];

/** Every filter of the findings list (team and service by id or name), its order, and the file format. */
export class ExportFindingsQuery extends OmitType(ListFindingsQuery, ['cursor', 'limit'] as const) {
  @ApiProperty({ enum: FINDING_EXPORT_FORMATS })
  @IsIn(FINDING_EXPORT_FORMATS, { message: `format must be one of ${FINDING_EXPORT_FORMATS.join(', ')}` })
  format!: FindingExportFormat;
}

export const CONTENT_TYPES: Readonly<Record<FindingExportFormat, string>> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json; charset=utf-8',
  sarif: 'application/sarif+json; charset=utf-8',
};
