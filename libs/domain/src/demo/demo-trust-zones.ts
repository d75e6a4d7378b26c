import type { ModelTrustBoundary, ModelTrustZone } from '../threat-models/threat-model';

export type DemoZone = 'internet' | 'edge' | 'internal' | 'data' | 'secrets';

/** The zones every demo model uses: the organisation draws its diagrams the same way for every service. */
export const DEMO_TRUST_ZONES: readonly ModelTrustZone[] = [
  { key: 'internet', name: 'Internet', trustRating: 0, description: 'Customers, partners, their devices and attackers.' },
  { key: 'edge', name: 'Edge', trustRating: 30, description: 'Public endpoints behind the load balancer.' },
  { key: 'internal', name: 'Internal network', trustRating: 70, description: 'Service-to-service traffic inside the cluster.' },
  { key: 'data', name: 'Data stores', trustRating: 90, description: 'Databases, buckets and the warehouse.' },
  { key: 'secrets', name: 'Secrets', trustRating: 100, description: 'Secret manager and the configuration that holds credentials.' },
];

/** Where data crosses from a less trusted zone into a more trusted one. */
const CROSSINGS: readonly (readonly [DemoZone, DemoZone, string])[] = [
  ['internet', 'edge', 'Internet to edge'],
  ['edge', 'internal', 'Edge to internal network'],
  ['internal', 'data', 'Internal network to data stores'],
  ['internal', 'secrets', 'Internal network to secrets'],
];

/**
 * The boundaries a model draws: one per crossing whose two zones both hold components of the model,
 * crossed by the components in those zones (the demo has no data flows to be more precise with).
 */
export function demoTrustBoundaries(components: readonly { key: string; trustZoneKey: string | null }[]): ModelTrustBoundary[] {
  return CROSSINGS.flatMap(([from, to, name]) => {
    const crossing = components.filter((component) => component.trustZoneKey === from || component.trustZoneKey === to).map((component) => component.key);
    const zones = new Set(components.map((component) => component.trustZoneKey));
    if (!zones.has(from) || !zones.has(to)) return [];
    return [{ key: `${from}-${to}`, name, fromZoneKey: from, toZoneKey: to, crossingComponentKeys: crossing }];
  });
}
