import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  MITIGATION_STATUSES,
  type MitigationStatus,
  type ModelComponentDto,
  type ModelMitigationDto,
  type ModelThreatDto,
  type ThreatModelDetailDto,
  type ThreatModelDto,
  type ThreatModelImportDto,
  type ThreatModelVersionCounts,
  type ThreatModelVersionDetailDto,
  type ThreatModelVersionDto,
  type TrustBoundaryDto,
  type TrustZoneDto,
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

export class ThreatModelDetailResponse extends ThreatModelResponse implements ThreatModelDetailDto {
  @ApiProperty({ type: [VersionResponse] }) versions!: VersionResponse[];
}

export class ComponentMatchResponse {
  @ApiProperty({ type: [String] }) repos!: string[];
  @ApiProperty({ type: [String] }) paths!: string[];
  @ApiProperty({ type: [String] }) services!: string[];
}

export class ModelComponentResponse implements ModelComponentDto {
  @ApiProperty() key!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) description!: string | null;
  @ApiProperty({ nullable: true, type: String }) type!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Key of the trust zone it sits in' }) trustZone!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Key of the component enclosing it' }) parent!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'PWNISMS layer' }) layer!: string | null;
  @ApiProperty({ type: ComponentMatchResponse, description: 'What ties findings to it (docs/threat-models.md)' }) match!: ComponentMatchResponse;
}

export class ModelMitigationResponse implements ModelMitigationDto {
  @ApiProperty() key!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ nullable: true, type: String }) description!: string | null;
  @ApiProperty({ nullable: true, enum: MITIGATION_STATUSES }) status!: MitigationStatus | null;
}

export class ModelThreatResponse implements ModelThreatDto {
  @ApiProperty() key!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ nullable: true, type: String }) description!: string | null;
  @ApiProperty({ type: [String], description: 'Keys of the components it threatens; none: the whole system' }) components!: string[];
  @ApiProperty({ nullable: true, type: String }) stride!: string | null;
  @ApiProperty({ nullable: true, type: String }) layer!: string | null;
  @ApiProperty({ type: [Number] }) cweIds!: number[];
  @ApiProperty({ nullable: true, type: String }) severity!: string | null;
  @ApiProperty() status!: string;
  @ApiProperty({ type: [ModelMitigationResponse] }) mitigations!: ModelMitigationResponse[];
  @ApiProperty({ description: 'When the threat first appeared in any version of the model' }) firstEffectiveFrom!: string;
}

export class TrustZoneResponse implements TrustZoneDto {
  @ApiProperty() key!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: Number, description: '0 (untrusted) to 100 (fully trusted)' }) trustRating!: number | null;
  @ApiProperty({ nullable: true, type: String }) description!: string | null;
}

export class TrustBoundaryResponse implements TrustBoundaryDto {
  @ApiProperty() key!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) fromZone!: string | null;
  @ApiProperty({ nullable: true, type: String }) toZone!: string | null;
  @ApiProperty({ type: [String], description: 'Keys of the components that cross it' }) crossing!: string[];
}

export class VersionDetailResponse extends VersionResponse implements ThreatModelVersionDetailDto {
  @ApiProperty({ type: [ModelComponentResponse] }) components!: ModelComponentResponse[];
  @ApiProperty({ type: [ModelThreatResponse] }) threats!: ModelThreatResponse[];
  @ApiProperty({ type: [TrustZoneResponse] }) trustZones!: TrustZoneResponse[];
  @ApiProperty({ type: [TrustBoundaryResponse] }) trustBoundaries!: TrustBoundaryResponse[];
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
