import { Injectable } from '@nestjs/common';
import { notFound } from '../common/domain-error';
import { mapComponent, mapModel, mapThreat, mapVersion, type ThreatModelResponse } from './threat-model.dto';
import { ThreatModelRepository } from './threat-model.repository';

@Injectable()
export class ThreatModelsService {
  constructor(private readonly models: ThreatModelRepository) {}

  async list(): Promise<ThreatModelResponse[]> {
    return (await this.models.listModels()).map(mapModel);
  }

  async get(id: string) {
    const model = await this.models.findModel(id);
    if (!model) throw notFound('Threat model', id);
    return { ...mapModel(model), versions: (await this.models.versions(id)).map(mapVersion) };
  }

  /** A version with all its parts; the latest when `versionNumber` is null. */
  async version(id: string, versionNumber: number | null) {
    const version = await this.models.version(id, versionNumber);
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
      trustZones,
      trustBoundaries,
    };
  }
}
