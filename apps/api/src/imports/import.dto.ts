import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ProblemDetailResponse } from '../common/api-description';
import {
  DETECTION_STAGES,
  IMPORT_STATUSES,
  IMPORT_WARNING_CODES,
  type DetectionStage,
  type ImportCountsDto,
  type ImportDto,
  type ImportStatus,
  type ImportWarning,
  type ImportWarningCode,
  type Page,
} from '@escapement/domain';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import type { ImportRow } from './import-log.repository';

export const IMPORT_FORMATS = ['sarif', 'json', 'csv'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value);

/** Upload-wide values, from the query string or multipart form fields; a finding's own values win. */
export class ImportParameters {
  @ApiPropertyOptional({ enum: DETECTION_STAGES, description: "Where these findings were found; default: each source kind's usual stage (SARIF: ci)" })
  @IsOptional() @IsIn(DETECTION_STAGES)
  stage?: DetectionStage;

  @ApiPropertyOptional({ example: 'payments-api', description: 'Service the findings belong to (required for SARIF)' })
  @IsOptional() @IsString() @Length(1, 200) @Matches(/\S/, { message: 'service must not be blank' })
  service?: string;

  @ApiPropertyOptional({ example: 'github.com/acme/payments-api' })
  @IsOptional() @IsString() @Length(1, 500)
  repo?: string;

  @ApiPropertyOptional({ example: '9fceb02d0ae598e95dc970b74767f19372d61af8' })
  @IsOptional() @IsString() @Length(1, 100)
  commit?: string;

  @ApiPropertyOptional({ example: '#412', description: 'The change (PR/MR ref) that introduced every finding of the file, as recorded with POST /changes' })
  @IsOptional() @IsString() @Length(1, 200) @Matches(/\S/, { message: 'change must not be blank' })
  change?: string;

  @ApiPropertyOptional({ example: '2026-05-04T10:00:00Z', description: 'When the scan ran; default: now' })
  @IsOptional() @IsISO8601({ strict: true })
  detectedAt?: string;

  @ApiPropertyOptional({ enum: IMPORT_FORMATS, description: 'Default: detected from the content' })
  @IsOptional() @IsIn(IMPORT_FORMATS)
  format?: ImportFormat;

  @ApiPropertyOptional({ example: 'results.sarif', description: 'Name of the uploaded file, for the import history' })
  @IsOptional() @IsString() @Length(1, 255)
  fileName?: string;

  @ApiPropertyOptional({ description: "A complete scan: the service's open findings from the same tool that it no longer reports are marked fixed" })
  @IsOptional() @Transform(toBoolean) @IsBoolean()
  fullScan?: boolean;
}

export class ImportIdParam {
  @ApiProperty({ format: 'uuid' }) @IsUUID() id!: string;
}

export class ListImportsQuery {
  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional() @Transform(({ value }) => Number(value)) @IsInt() @Min(1) @Max(200)
  limit?: number;

  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200)
  cursor?: string;
}

export class ImportCountsResponse implements ImportCountsDto {
  @ApiProperty() received!: number;
  @ApiProperty() created!: number;
  @ApiProperty() updated!: number;
  @ApiProperty() unchanged!: number;
  @ApiProperty() suppressed!: number;
  @ApiProperty({ description: 'Findings a full scan marked fixed' }) fixed!: number;
}

export class ImportWarningResponse implements ImportWarning {
  @ApiProperty({ enum: IMPORT_WARNING_CODES }) code!: ImportWarningCode;
  @ApiProperty({ example: '3 is out of range: the run has 1 artifact; its uri was used instead' }) message!: string;
  @ApiPropertyOptional({ description: 'JSON pointer into the uploaded file', example: '/runs/0/results/5/locations/0/physicalLocation/artifactLocation/index' }) pointer?: string;
  @ApiPropertyOptional({ description: '1-based line of the uploaded file (CSV rows, bytes that are not UTF-8)' }) line?: number;
}

export class ImportErrorResponse {
  @ApiProperty() detail!: string;
  @ApiPropertyOptional({ type: [ProblemDetailResponse], description: 'Each problem of the file, with where it is' }) errors?: unknown[];
}

export class ImportResponse implements ImportDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: IMPORT_STATUSES }) status!: ImportStatus;
  @ApiProperty() format!: string;
  @ApiProperty({ nullable: true, type: String }) stage!: DetectionStage | null;
  @ApiProperty({ nullable: true, type: String }) service!: string | null;
  @ApiProperty({ nullable: true, type: String }) fileName!: string | null;
  @ApiProperty({ nullable: true, type: Number }) bytes!: number | null;
  @ApiProperty({ nullable: true, type: String }) sha256!: string | null;
  @ApiProperty({ nullable: true, type: String }) repo!: string | null;
  @ApiProperty({ nullable: true, type: String }) commit!: string | null;
  @ApiProperty() fullScan!: boolean;
  @ApiProperty({ type: [String] }) tools!: string[];
  @ApiProperty() receivedAt!: string;
  @ApiProperty({ nullable: true, type: String }) completedAt!: string | null;
  @ApiProperty({ type: ImportCountsResponse }) findings!: ImportCountsResponse;
  @ApiProperty({ description: 'Where to poll while processing' }) statusUrl!: string;
  @ApiPropertyOptional({ nullable: true, type: ImportErrorResponse, description: 'Why a background import failed' }) error?: ImportErrorResponse | null;
  @ApiProperty({
    type: [ImportWarningResponse],
    description:
      'What was accepted but changed on the way in: bytes that are not UTF-8 or NUL characters stored as U+FFFD, a SARIF artifact index that points past the run artifacts (the uri is used). At most 100 are listed; a last `more_warnings` entry says how many more there were.',
  })
  warnings!: ImportWarning[];
}

export class ImportPageResponse implements Page<ImportDto> {
  @ApiProperty({ type: [ImportResponse] }) items!: ImportResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export function mapImport(row: ImportRow): ImportResponse {
  return {
    id: row.id,
    status: row.status,
    format: row.format,
    stage: row.stage,
    service: row.service_name,
    fileName: row.file_name,
    bytes: row.bytes === null ? null : Number(row.bytes),
    sha256: row.content_sha256,
    repo: row.repo,
    commit: row.commit_sha,
    fullScan: row.full_scan,
    tools: row.tools,
    receivedAt: row.received_at.toISOString(),
    completedAt: row.completed_at?.toISOString() ?? null,
    findings: {
      received: row.received_count,
      created: row.created_count,
      updated: row.updated_count,
      unchanged: row.unchanged_count,
      suppressed: row.suppressed_count,
      fixed: row.fixed_count,
    },
    statusUrl: `/api/v1/imports/${row.id}`,
    ...(row.error ? { error: row.error } : {}),
    warnings: row.warnings ?? [],
  };
}
