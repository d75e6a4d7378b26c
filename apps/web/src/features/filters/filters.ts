import { isDetectionStage, type DetectionStage, type ServiceDto } from '@escapement/domain';
import { isIsoDate, isPlausibleFilterDate } from '../../lib/iso-date';

/**
 * What the dashboard is looking at. It lives in the URL search params, so a copied link opens the
 * same view; null means "no restriction".
 */
export interface DashboardFilters {
  team: string | null;
  service: string | null;
  boundary: DetectionStage;
  /** Inclusive ISO dates (YYYY-MM-DD). */
  from: string | null;
  to: string | null;
}

/** The brief's default: a finding escaped when it got past design and code review. */
export const DEFAULT_BOUNDARY: DetectionStage = 'ci';

export const DEFAULT_FILTERS: DashboardFilters = {
  team: null,
  service: null,
  boundary: DEFAULT_BOUNDARY,
  from: null,
  to: null,
};

const FILTER_PARAMS = ['team', 'service', 'boundary', 'from', 'to'] as const;

// Other pages read dates from their URLs too; the checks are shared through lib.
export { isIsoDate, isPlausibleFilterDate };

function nonEmpty(value: string | null): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

/**
 * Reads filters from a URL. Hand-edited or outdated links degrade to defaults instead of failing:
 * an unknown boundary becomes the default, a malformed date is ignored, a reversed period is turned round.
 */
export function parseFilters(params: URLSearchParams): DashboardFilters {
  const boundary = params.get('boundary');
  let from = nonEmpty(params.get('from'));
  let to = nonEmpty(params.get('to'));
  if (from !== null && !isIsoDate(from)) from = null;
  if (to !== null && !isIsoDate(to)) to = null;
  if (from !== null && to !== null && from > to) [from, to] = [to, from];
  return {
    team: nonEmpty(params.get('team')),
    service: nonEmpty(params.get('service')),
    boundary: isDetectionStage(boundary) ? boundary : DEFAULT_BOUNDARY,
    from,
    to,
  };
}

/**
 * Writes filters into a copy of `current`, keeping parameters that belong to someone else and leaving
 * defaults out so that the plain URL and the default view stay one and the same.
 */
export function writeFilters(current: URLSearchParams, filters: DashboardFilters): URLSearchParams {
  const next = new URLSearchParams(current);
  for (const name of FILTER_PARAMS) next.delete(name);
  if (filters.team) next.set('team', filters.team);
  if (filters.service) next.set('service', filters.service);
  if (filters.boundary !== DEFAULT_BOUNDARY) next.set('boundary', filters.boundary);
  if (filters.from) next.set('from', filters.from);
  if (filters.to) next.set('to', filters.to);
  return next;
}

export function hasActiveFilters(filters: DashboardFilters): boolean {
  return FILTER_PARAMS.some((name) => filters[name] !== DEFAULT_FILTERS[name]);
}

/** Narrows to a team; a selected service of another team no longer fits and is dropped. */
export function withTeam(filters: DashboardFilters, team: string | null, services: readonly ServiceDto[]): DashboardFilters {
  const service = services.find((candidate) => candidate.id === filters.service);
  const keepService = team === null || (service !== undefined && service.teamId === team);
  return { ...filters, team, service: keepService ? filters.service : null };
}

/** The services offered for the current team selection. */
export function servicesOfTeam(services: readonly ServiceDto[], team: string | null): ServiceDto[] {
  return team === null ? [...services] : services.filter((service) => service.teamId === team);
}

/**
 * Which teams and services the filters select, for annotations that belong to them (adoption dates).
 * Null means the whole organisation. A service brings its team along, since a team-wide adoption
 * applies to each of its services.
 */
export interface SelectionScope {
  teamIds: string[];
  serviceIds: string[];
}

export function selectionScope(filters: DashboardFilters, services: readonly ServiceDto[]): SelectionScope | null {
  if (filters.service) {
    const service = services.find((candidate) => candidate.id === filters.service);
    return { teamIds: service?.teamId ? [service.teamId] : [], serviceIds: [filters.service] };
  }
  if (filters.team) {
    return { teamIds: [filters.team], serviceIds: servicesOfTeam(services, filters.team).map((service) => service.id) };
  }
  return null;
}

/** Team, service and period leave findings out; the boundary only decides which of them count as escaped. */
export function narrowsFindings(filters: DashboardFilters): boolean {
  return filters.team !== null || filters.service !== null || filters.from !== null || filters.to !== null;
}
