import { DEFAULT_PRIMARY_ANALYSIS, type AdoptionDto } from '@escapement/domain';
import { adopterName, adoptionMarkers, adoptionsInScope } from './adoption-markers';

function adoption(id: string, startedAt: string, adopter: { team?: string; service?: string }): AdoptionDto {
  return {
    id,
    teamId: adopter.team ? `${adopter.team}-id` : null,
    teamName: adopter.team ?? null,
    serviceId: adopter.service ? `${adopter.service}-id` : null,
    serviceName: adopter.service ?? null,
    practice: 'context-aware',
    startedAt,
    retiredAt: null,
    primaryAnalysis: DEFAULT_PRIMARY_ANALYSIS,
    createdAt: '2025-01-01T00:00:00Z',
  };
}

const months = ['2025-01-01', '2025-02-01', '2025-03-01', '2025-04-01'];
const payments = adoption('a1', '2025-02-14', { team: 'Payments' });
const identity = adoption('a2', '2025-02-03', { team: 'Identity' });
const checkout = adoption('a3', '2025-04-30', { service: 'checkout' });
const tooLate = adoption('a4', '2025-05-01', { team: 'Search' });
const tooEarly = adoption('a5', '2024-12-31', { team: 'Search' });

describe(adoptionMarkers.name, () => {
  it('snaps adoptions to their period and shares a line within one period', () => {
    const sut = adoptionMarkers([payments, checkout, identity], months, 'month', null);
    expect(sut.map(({ period, label }) => ({ period, label }))).toEqual([
      { period: '2025-02-01', label: 'Identity, Payments' },
      { period: '2025-04-01', label: 'checkout' },
    ]);
  });

  it('leaves out adoptions outside the charted periods', () => {
    expect(adoptionMarkers([tooEarly, tooLate], months, 'month', null)).toEqual([]);
  });

  it('keeps only adoptions of the selected teams and services', () => {
    const sut = adoptionMarkers([payments, identity, checkout], months, 'month', {
      teamIds: ['Payments-id'],
      serviceIds: ['checkout-id'],
    });
    expect(sut.map((marker) => marker.label)).toEqual(['Payments', 'checkout']);
  });
});

describe(adoptionsInScope.name, () => {
  it('keeps everything for the whole organisation and nothing for an empty scope', () => {
    expect(adoptionsInScope([payments, checkout], null)).toHaveLength(2);
    expect(adoptionsInScope([payments, checkout], { teamIds: [], serviceIds: [] })).toHaveLength(0);
  });
});

describe(adopterName.name, () => {
  it('names the team, else the service', () => {
    expect(adopterName(payments)).toBe('Payments');
    expect(adopterName(checkout)).toBe('checkout');
  });
});
