import { readAll, readTrustBoundary, readTrustZone } from './trust-elements';

describe(readTrustZone.name, () => {
  it('reads rows as stored and as mapped', () => {
    expect(readTrustZone({ key: 'internet', name: 'Internet', trust_rating: '0', description: null })).toEqual({ key: 'internet', name: 'Internet', trustRating: 0, description: null });
    expect(readTrustZone({ key: 'vault', name: 'Vault', trustRating: 100 })).toEqual({ key: 'vault', name: 'Vault', trustRating: 100, description: null });
  });

  it('leaves out what it cannot read', () => {
    expect(readTrustZone({ name: 'no key' })).toBeNull();
    expect(readTrustZone('internet')).toBeNull();
    expect(readTrustZone({ key: 'z', trust_rating: 'high' })!.trustRating).toBeNull();
  });
});

describe(readTrustBoundary.name, () => {
  it('reads rows as stored and as mapped', () => {
    expect(readTrustBoundary({ key: 'b', name: 'B', from_zone_key: 'internet', to_zone_key: 'internal', crossing_component_keys: ['web', 'api'] })).toEqual({
      key: 'b',
      name: 'B',
      fromZone: 'internet',
      toZone: 'internal',
      crossing: ['web', 'api'],
    });
    expect(readTrustBoundary({ key: 'b', fromZoneKey: 'a', toZoneKey: 'c', crossingComponentKeys: null })).toMatchObject({ fromZone: 'a', toZone: 'c', crossing: [] });
  });
});

describe(readAll.name, () => {
  it('keeps the readable elements', () => {
    expect(readAll([{ key: 'a' }, null, { name: 'x' }], readTrustZone).map((zone) => zone.key)).toEqual(['a']);
  });
});
