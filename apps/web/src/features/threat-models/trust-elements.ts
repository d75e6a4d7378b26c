import type { TrustZoneDto } from '@escapement/domain';

/** Trust zones least trusted first (unrated last), then by name: the order in which a reader walks inwards. */
export function zonesLeastTrustedFirst(zones: readonly TrustZoneDto[]): TrustZoneDto[] {
  return [...zones].sort((a, b) => (a.trustRating ?? 101) - (b.trustRating ?? 101) || a.name.localeCompare(b.name));
}

/** A zone's name for a boundary end: the key when the zone is not among `zones`, "?" when the end is open. */
export function zoneName(zones: readonly TrustZoneDto[], key: string | null): string {
  return key === null ? '?' : (zones.find((zone) => zone.key === key)?.name ?? key);
}
