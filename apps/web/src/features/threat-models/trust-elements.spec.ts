import type { TrustZoneDto } from '@escapement/domain';
import { zoneName, zonesLeastTrustedFirst } from './trust-elements';

const zone = (key: string, trustRating: number | null): TrustZoneDto => ({ key, name: key.toUpperCase(), trustRating, description: null });

describe(zonesLeastTrustedFirst.name, () => {
  it('puts the least trusted zone first and unrated zones last, ties by name', () => {
    const zones = [zone('vault', 100), zone('unknown', null), zone('internet', 0), zone('dmz', 40), zone('app', 40)];
    expect(zonesLeastTrustedFirst(zones).map((z) => z.key)).toEqual(['internet', 'app', 'dmz', 'vault', 'unknown']);
    expect(zones[0].key).toBe('vault');
  });
});

describe(zoneName.name, () => {
  it('names a boundary end by its zone, by its key when the zone is unknown, and "?" when open', () => {
    const zones = [zone('internet', 0)];
    expect(zoneName(zones, 'internet')).toBe('INTERNET');
    expect(zoneName(zones, 'elsewhere')).toBe('elsewhere');
    expect(zoneName(zones, null)).toBe('?');
  });
});
