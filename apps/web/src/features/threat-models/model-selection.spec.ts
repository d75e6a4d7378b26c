import { modelsByService, parseVersionParam, pickVersion } from './model-selection';
import type { ThreatModelDto, ThreatModelVersionDto } from '@escapement/domain';

function model(id: string, service: string, name: string): ThreatModelDto {
  return { id, serviceId: `${service}-id`, service, name, latestVersion: 1, createdAt: '2026-01-01T00:00:00Z' };
}

function version(n: number): ThreatModelVersionDto {
  return {
    id: `v${n}`,
    threatModelId: 'm1',
    version: n,
    effectiveFrom: '2026-01-01T00:00:00Z',
    format: 'native',
    name: 'M',
    sourceVersion: null,
    description: null,
    sha256: 'c0ffee',
    fileName: null,
    importedAt: '2026-01-01T00:00:00Z',
    counts: { components: 1, threats: 1, trustZones: 0, trustBoundaries: 0 },
    alsoServices: [],
  };
}

describe(modelsByService.name, () => {
  it('groups models by service, both by name', () => {
    const sut = modelsByService([model('1', 'payments-api', 'Payments'), model('2', 'identity-api', 'Identity'), model('3', 'payments-api', 'Checkout flow')]);
    expect(sut.map((group) => [group.service, group.models.map((m) => m.id)])).toEqual([
      ['identity-api', ['2']],
      ['payments-api', ['3', '1']],
    ]);
  });
});

describe(parseVersionParam.name, () => {
  it('reads whole version numbers only', () => {
    expect(parseVersionParam('2')).toBe(2);
    expect(parseVersionParam('0')).toBeNull();
    expect(parseVersionParam('latest')).toBeNull();
    expect(parseVersionParam(null)).toBeNull();
  });
});

describe(pickVersion.name, () => {
  const versions = [version(1), version(3), version(2)];

  it('shows the version asked for, else the latest', () => {
    expect(pickVersion(versions, 2)!.version).toBe(2);
    expect(pickVersion(versions, null)!.version).toBe(3);
    expect(pickVersion(versions, 9)!.version).toBe(3);
    expect(pickVersion([], 1)).toBeNull();
  });
});
