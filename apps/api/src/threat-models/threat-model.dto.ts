import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type {
  ModelComponentDto,
  ModelThreatDto,
  ThreatModelDto,
  ThreatModelImportDto,
  ThreatModelVersionCounts,
  ThreatModelVersionDto,
} from '@escapement/domain';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches, Min } from 'class-validator';
import type { ComponentRow, ModelRow, ThreatRow, VersionRow } from './threat-model.repository';

export const THREAT_MODEL_FORMATS = ['otm', 'threat-dragon', 'threagile', 'native'] as const;

export class ThreatModelImportParameters {
  @ApiProperty({ example: 'payments-api', description: 'The service the model describes' })
  @IsString() @Length(1, 200) @Matches(/\S/, { message: 'service must not be blank' })
  service!: string;

  @ApiPropertyOptional({ example: '2026-01-15', description: 'From when this version describes the system (date or time, UTC); default: now' })
  @IsOptional() @IsISO8601({ strict: true })
  effectiveFrom?: string;

  @ApiPropertyOptional({ enum: THREAT_MODEL_FORMATS, description: 'Default: detected from the content' })
  @IsOptional() @IsIn(THREAT_MODEL_FORMATS)
  format?: (typeof THREAT_MODEL_FORMATS)[number];

  @ApiPropertyOptional({ example: 'payments.otm.json' })
  @IsOptional() @IsString() @Length(1, 255)
  fileName?: string;
}

export class ThreatModelIdParam {
  @ApiProperty({ format: 'uuid' }) @IsUUID() id!: string;
}

export class VersionParam {
  @ApiProperty({ format: 'uuid' }) @IsUUID() id!: string;
  @ApiProperty({ type: 'integer', minimum: 1 }) @Transform(({ value }) => Number(value)) @IsInt() @Min(1) version!: number;
}

export class VersionCountsResponse implements ThreatModelVersionCounts {
  @ApiProperty() components!: number;
  @ApiProperty() threats!: number;
  @ApiProperty() trustZones!: number;
  @ApiProperty() trustBoundaries!: number;
}

export class VersionResponse implements ThreatModelVersionDto {
  @ApiProperty() id!: string;
  @ApiProperty() threatModelId!: string;
  @ApiProperty() version!: number;
  @ApiProperty() effectiveFrom!: string;
  @ApiProperty() format!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) sourceVersion!: string | null;
  @ApiProperty({ nullable: true, type: String }) description!: string | null;
  @ApiProperty() sha256!: string;
  @ApiProperty({ nullable: true, type: String }) fileName!: string | null;
  @ApiProperty() importedAt!: string;
  @ApiProperty({ type: VersionCountsResponse }) counts!: VersionCountsResponse;
  @ApiProperty({
    type: [String],
    description: "Services besides the model's own whose findings this version places: those its match rules name that its uploader could write",
  })
  alsoServices!: string[];
}

export class ThreatModelResponse implements ThreatModelDto {
  @ApiProperty() id!: string;
  @ApiProperty() serviceId!: string;
  @ApiProperty() service!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: Number }) latestVersion!: number | null;
  @ApiProperty() createdAt!: string;
}

export class ThreatModelImportResponse implements ThreatModelImportDto {
  @ApiProperty() model!: ThreatModelResponse;
  @ApiProperty() version!: VersionResponse;
  @ApiProperty({ description: 'false when the same content and date were imported before' }) created!: boolean;
}

export function mapModel(row: ModelRow): ThreatModelResponse {
  return { id: row.id, serviceId: row.service_id, service: row.service_name, name: row.name, latestVersion: row.latest_version, createdAt: row.created_at.toISOString() };
}

export function mapVersion(row: VersionRow): VersionResponse {
  return {
    id: row.id,
    threatModelId: row.threat_model_id,
    version: row.version_number,
    effectiveFrom: row.effective_from.toISOString(),
    format: row.format,
    name: row.name,
    sourceVersion: row.source_version,
    description: row.description,
    sha256: row.content_sha256,
    fileName: row.file_name,
    importedAt: row.imported_at.toISOString(),
    counts: { components: row.components, threats: row.threats, trustZones: row.trust_zones, trustBoundaries: row.trust_boundaries },
    alsoServices: row.also_service_names,
  };
}

export function mapComponent(row: ComponentRow): ModelComponentDto {
  return {
    key: row.key,
    name: row.name,
    description: row.description,
    type: row.type,
    trustZone: row.trust_zone_key,
    parent: row.parent_key,
    layer: row.layer,
    match: { repos: row.match_repos, paths: row.match_paths, services: row.match_services },
  };
}

export function mapThreat(row: ThreatRow): ModelThreatDto {
  return {
    key: row.key,
    title: row.title,
    description: row.description,
    components: row.component_keys,
    stride: row.stride,
    layer: row.layer,
    cweIds: row.cwe_ids,
    severity: row.severity,
    status: row.status,
    mitigations: row.mitigations,
    firstEffectiveFrom: row.first_effective_from.toISOString(),
  };
}
