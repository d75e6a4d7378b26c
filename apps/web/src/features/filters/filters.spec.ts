import type { ServiceDto } from '@escapement/domain';
import {
  DEFAULT_FILTERS,
  hasActiveFilters,
  isIsoDate,
  isPlausibleFilterDate,
  narrowsFindings,
  parseFilters,
  selectionScope,
  servicesOfTeam,
  withTeam,
  writeFilters,
} from './filters';

function service(id: string, teamId: string | null): ServiceDto {
  return { id, name: id, teamId, teamName: teamId, repositoryPatterns: [], createdAt: '2025-01-01T00:00:00Z' };
}

const services = [service('checkout', 'payments'), service('ledger', 'payments'), service('login', 'identity'), service('orphan', null)];

describe(parseFilters.name, () => {
  it('gives the default view for an empty URL', () => {
    expect(parseFilters(new URLSearchParams())).toEqual(DEFAULT_FILTERS);
  });

  it('reads every filter', () => {
    const sut = parseFilters(new URLSearchParams('team=payments&service=checkout&boundary=production&from=2025-01-01&to=2025-06-30'));
    expect(sut).toEqual({ team: 'payments', service: 'checkout', boundary: 'production', from: '2025-01-01', to: '2025-06-30' });
  });

  it('falls back to defaults for values a hand-edited link may carry', () => {
    const sut = parseFilters(new URLSearchParams('team=&boundary=qa&from=2025-02-30&to=yesterday'));
    expect(sut).toEqual(DEFAULT_FILTERS);
  });

  it('turns a reversed period round', () => {
    const sut = parseFilters(new URLSearchParams('from=2025-06-30&to=2025-01-01'));
    expect([sut.from, sut.to]).toEqual(['2025-01-01', '2025-06-30']);
  });
});

describe(writeFilters.name, () => {
  it('leaves defaults out of the URL and keeps parameters it does not own', () => {
    const sut = writeFilters(new URLSearchParams('tab=chart&boundary=production'), DEFAULT_FILTERS);
    expect(sut.toString()).toBe('tab=chart');
  });

  it('round-trips through parseFilters', () => {
    const filters = { team: 'payments', service: null, boundary: 'production' as const, from: '2025-01-01', to: null };
    expect(parseFilters(writeFilters(new URLSearchParams(), filters))).toEqual(filters);
  });
});

describe(hasActiveFilters.name, () => {
  it('is false only for the default view', () => {
    expect(hasActiveFilters(DEFAULT_FILTERS)).toBe(false);
    expect(hasActiveFilters({ ...DEFAULT_FILTERS, boundary: 'production' })).toBe(true);
    expect(hasActiveFilters({ ...DEFAULT_FILTERS, to: '2025-01-01' })).toBe(true);
  });
});

describe(withTeam.name, () => {
  it('keeps a service that belongs to the new team', () => {
    const sut = withTeam({ ...DEFAULT_FILTERS, service: 'checkout' }, 'payments', services);
    expect(sut).toMatchObject({ team: 'payments', service: 'checkout' });
  });

  it('drops a service of another team', () => {
    const sut = withTeam({ ...DEFAULT_FILTERS, team: 'payments', service: 'checkout' }, 'identity', services);
    expect(sut).toMatchObject({ team: 'identity', service: null });
  });

  it('keeps the service when the team restriction is lifted', () => {
    const sut = withTeam({ ...DEFAULT_FILTERS, team: 'payments', service: 'checkout' }, null, services);
    expect(sut).toMatchObject({ team: null, service: 'checkout' });
  });
});

describe(servicesOfTeam.name, () => {
  it('offers every service without a team selection', () => {
    expect(servicesOfTeam(services, null)).toHaveLength(4);
    expect(servicesOfTeam(services, 'payments').map((s) => s.id)).toEqual(['checkout', 'ledger']);
  });
});

describe(selectionScope.name, () => {
  it('is the whole organisation without team or service', () => {
    expect(selectionScope(DEFAULT_FILTERS, services)).toBeNull();
  });

  it('takes a team with its services', () => {
    expect(selectionScope({ ...DEFAULT_FILTERS, team: 'payments' }, services)).toEqual({
      teamIds: ['payments'],
      serviceIds: ['checkout', 'ledger'],
    });
  });

  it('takes a service with its team', () => {
    expect(selectionScope({ ...DEFAULT_FILTERS, service: 'login' }, services)).toEqual({ teamIds: ['identity'], serviceIds: ['login'] });
    expect(selectionScope({ ...DEFAULT_FILTERS, service: 'orphan' }, services)).toEqual({ teamIds: [], serviceIds: ['orphan'] });
  });
});

describe(narrowsFindings.name, () => {
  it('ignores the boundary, which changes counting but not which findings are in view', () => {
    expect(narrowsFindings({ ...DEFAULT_FILTERS, boundary: 'production' })).toBe(false);
    expect(narrowsFindings({ ...DEFAULT_FILTERS, from: '2025-01-01' })).toBe(true);
  });
});

describe(isIsoDate.name, () => {
  it('accepts only real calendar dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2025-1-1')).toBe(false);
  });
});

describe(isPlausibleFilterDate.name, () => {
  it('waits for a whole year while one is being typed', () => {
    expect(isPlausibleFilterDate('0202-06-01')).toBe(false);
    expect(isPlausibleFilterDate('2025-06-01')).toBe(true);
  });
});
