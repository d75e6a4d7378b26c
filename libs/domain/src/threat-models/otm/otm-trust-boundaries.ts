import type { ModelTrustBoundary, ModelTrustZone } from '../threat-model';

export interface ComponentFlow {
  sourceKey: string;
  destinationKey: string;
}

/**
 * OTM has zones but no boundary element: a boundary is wherever data flows between components in two
 * different zones. One boundary per pair of zones, whichever way the data goes, running from the less
 * trusted zone to the more trusted one (the way an attacker crosses it); with no ratings to tell, the
 * way the first flow across it goes. Its key is made of the zone ids, so it is stable across versions.
 */
export function zoneCrossings(
  flows: readonly ComponentFlow[],
  zoneOf: ReadonlyMap<string, string | null>,
  zones: readonly ModelTrustZone[],
): ModelTrustBoundary[] {
  const zoneByKey = new Map(zones.map((zone) => [zone.key, zone]));
  const boundaries = new Map<string, ModelTrustBoundary>();
  for (const flow of flows) {
    const sourceZone = zoneOf.get(flow.sourceKey) ?? null;
    const destinationZone = zoneOf.get(flow.destinationKey) ?? null;
    if (sourceZone === null || destinationZone === null || sourceZone === destinationZone) continue;
    const pairKey = [sourceZone, destinationZone].sort().join('\u0000');
    let boundary = boundaries.get(pairKey);
    if (boundary === undefined) {
      const [from, to] = orderByTrust(sourceZone, destinationZone, zoneByKey);
      boundary = {
        key: `${from}->${to}`,
        name: `${zoneByKey.get(from)?.name ?? from} → ${zoneByKey.get(to)?.name ?? to}`,
        fromZoneKey: from,
        toZoneKey: to,
        crossingComponentKeys: [],
      };
      boundaries.set(pairKey, boundary);
    }
    for (const key of [flow.sourceKey, flow.destinationKey]) if (!boundary.crossingComponentKeys.includes(key)) boundary.crossingComponentKeys.push(key);
  }
  return [...boundaries.values()];
}

function orderByTrust(first: string, second: string, zones: ReadonlyMap<string, ModelTrustZone>): [string, string] {
  const firstRating = zones.get(first)?.trustRating ?? null;
  const secondRating = zones.get(second)?.trustRating ?? null;
  if (firstRating !== null && secondRating !== null && secondRating < firstRating) return [second, first];
  return [first, second];
}
