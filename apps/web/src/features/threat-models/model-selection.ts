import type { ThreatModelDto, ThreatModelVersionDto } from '@escapement/domain';

/** A service with its threat models, for the list: models are found by the service they describe. */
export interface ServiceModels {
  serviceId: string;
  service: string;
  models: ThreatModelDto[];
}

export function modelsByService(models: readonly ThreatModelDto[]): ServiceModels[] {
  const groups = new Map<string, ServiceModels>();
  for (const model of models) {
    const group = groups.get(model.serviceId) ?? { serviceId: model.serviceId, service: model.service, models: [] };
    group.models.push(model);
    groups.set(model.serviceId, group);
  }
  for (const group of groups.values()) group.models.sort((a, b) => a.name.localeCompare(b.name));
  return [...groups.values()].sort((a, b) => a.service.localeCompare(b.service));
}

/** The version number a `?version=` parameter asks for, when it is a whole number. */
export function parseVersionParam(value: string | null): number | null {
  return value !== null && /^\d{1,9}$/.test(value) && Number(value) >= 1 ? Number(value) : null;
}

/**
 * The version to show: the one asked for when the model has it, else the latest, so an outdated link
 * still opens the model rather than an error.
 */
export function pickVersion(versions: readonly ThreatModelVersionDto[], requested: number | null): ThreatModelVersionDto | null {
  if (versions.length === 0) return null;
  const asked = requested === null ? undefined : versions.find((version) => version.version === requested);
  return asked ?? versions.reduce((latest, version) => (version.version > latest.version ? version : latest));
}
