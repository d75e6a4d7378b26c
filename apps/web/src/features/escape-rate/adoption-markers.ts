import type { AdoptionDto, TimeBucket } from '@escapement/domain';
import { periodContaining } from '../../lib/periods';

/** The teams and services whose adoptions concern the current view; null means the whole organisation. */
export interface AdoptionScope {
  teamIds: readonly string[];
  serviceIds: readonly string[];
}

/** One vertical line on the chart: every adoption that started within that period. */
export interface AdoptionMarker {
  period: string;
  label: string;
  adoptions: AdoptionDto[];
}

/** Who adopted: the team, or the service for a service-level adoption. */
export function adopterName(adoption: AdoptionDto): string {
  return adoption.teamName ?? adoption.serviceName ?? adoption.teamId ?? adoption.serviceId ?? 'Unknown';
}

export function adoptionsInScope(adoptions: readonly AdoptionDto[], scope: AdoptionScope | null): AdoptionDto[] {
  if (scope === null) return [...adoptions];
  return adoptions.filter(
    (adoption) =>
      (adoption.teamId !== null && scope.teamIds.includes(adoption.teamId)) || (adoption.serviceId !== null && scope.serviceIds.includes(adoption.serviceId)),
  );
}

/**
 * Places adoptions on a category axis. The axis only knows period starts, so each adoption snaps to
 * the period it started in; adoptions outside the charted periods are left out rather than pinned to
 * an edge, where they would suggest a date that is wrong. Adoptions in one period share one line.
 */
export function adoptionMarkers(
  adoptions: readonly AdoptionDto[],
  periods: readonly string[],
  bucket: TimeBucket,
  scope: AdoptionScope | null,
): AdoptionMarker[] {
  const byPeriod = new Map<string, AdoptionDto[]>();
  const chronological = adoptionsInScope(adoptions, scope).sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  for (const adoption of chronological) {
    const period = periodContaining(adoption.startedAt, periods, bucket);
    if (period !== null) byPeriod.set(period, [...(byPeriod.get(period) ?? []), adoption]);
  }
  return [...byPeriod.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([period, inPeriod]) => ({
      period,
      label: [...new Set(inPeriod.map(adopterName))].join(', '),
      adoptions: inPeriod,
    }));
}
