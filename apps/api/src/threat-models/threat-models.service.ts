import { Injectable } from '@nestjs/common';
import type { ThreatModelDetailDto, ThreatModelVersionDetailDto } from '@escapement/domain';
import type { TeamScope } from '../auth/principal';
import { notFound } from '../common/domain-error';
import { mapComponent, mapModel, mapThreat, mapVersion, type ThreatModelResponse } from './threat-model.dto';
import { ThreatModelRepository } from './threat-model.repository';

/** Reading threat models; a caller limited to teams sees their services' models only (others are 404). */
@Injectable()
export class ThreatModelsService {
  constructor(private readonly models: ThreatModelRepository) {}

  async list(teams: TeamScope): Promise<ThreatModelResponse[]> {
    return (await this.models.listModels(teams)).map(mapModel);
  }

  async get(id: string, teams: TeamScope): Promise<ThreatModelDetailDto> {
    const model = await this.models.findModel(id, teams);
    if (!model) throw notFound('Threat model', id);
    return { ...mapModel(model), versions: (await this.models.versions(id)).map(mapVersion) };
  }

  /** A version with all its parts; the latest when `versionNumber` is null. */
  async version(id: string, versionNumber: number | null, teams: TeamScope): Promise<ThreatModelVersionDetailDto> {
    const version = (await this.models.findModel(id, teams)) && (await this.models.version(id, versionNumber));
    if (!version) throw notFound(versionNumber === null ? 'Threat model' : `Version ${versionNumber} of threat model`, id);
    const [components, threats, trustZones, trustBoundaries] = await Promise.all([
      this.models.components(version.id),
      this.models.threats(version.id),
      this.models.trustZones(version.id),
      this.models.trustBoundaries(version.id),
    ]);
    return {
      ...mapVersion(version),
      components: components.map(mapComponent),
      threats: threats.map(mapThreat),
      trustZones: (trustZones as { key: string; name: string; trust_rating: string | null; description: string | null }[]).map((z) => ({
        key: z.key,
        name: z.name,
        trustRating: z.trust_rating === null ? null : Number(z.trust_rating),
        description: z.description,
      })),
      trustBoundaries: (trustBoundaries as { key: string; name: string; from_zone_key: string | null; to_zone_key: string | null; crossing_component_keys: string[] }[]).map((b) => ({
        key: b.key,
        name: b.name,
        fromZone: b.from_zone_key,
        toZone: b.to_zone_key,
        crossing: b.crossing_component_keys,
      })),
    };
  }
}
