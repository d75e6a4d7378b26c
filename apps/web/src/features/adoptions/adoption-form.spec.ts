import { DEFAULT_PRIMARY_ANALYSIS, type AdoptionDto } from '@escapement/domain';
import {
  adopterLabel,
  adoptionChanges,
  adoptionRequest,
  knownPractices,
  retireProblem,
  sortAdoptions,
  validateAdoption,
  validateAdoptionEdit,
  type AdoptionDraft,
} from './adoption-form';

const draft: AdoptionDraft = { scope: 'team', teamId: 't1', serviceId: '', practice: 'context-aware-development', startedAt: '2026-03-01' };

function adoption(id: string, startedAt: string, team: string | null, service: string | null, practice = 'context-aware-development'): AdoptionDto {
  return {
    id,
    teamId: team,
    teamName: team,
    serviceId: service,
    serviceName: service,
    practice,
    startedAt,
    retiredAt: null,
    primaryAnalysis: DEFAULT_PRIMARY_ANALYSIS,
    createdAt: `${startedAt}T09:00:00Z`,
  };
}

describe(validateAdoption.name, () => {
  it('accepts a complete draft', () => {
    expect(validateAdoption(draft)).toEqual({});
  });

  it('asks for the adopter the chosen scope needs', () => {
    expect(validateAdoption({ ...draft, teamId: '' })).toEqual({ teamId: 'Choose the team that adopted the practice.' });
    expect(validateAdoption({ ...draft, scope: 'service' })).toEqual({ serviceId: 'Choose the service that adopted the practice.' });
  });

  it('checks the practice and the date as the API does', () => {
    const sut = validateAdoption({ ...draft, practice: '-threat modelling!', startedAt: '2026-02-30' });
    expect(Object.keys(sut).sort()).toEqual(['practice', 'startedAt']);
    expect(validateAdoption({ ...draft, practice: ' ', startedAt: '' })).toEqual({
      practice: 'Name the practice.',
      startedAt: 'Give the date the practice started.',
    });
  });
});

describe(adoptionRequest.name, () => {
  it('sends the team or the service, never both', () => {
    expect(adoptionRequest({ ...draft, serviceId: 's1' })).toEqual({ teamId: 't1', practice: 'context-aware-development', startedAt: '2026-03-01' });
    expect(adoptionRequest({ ...draft, scope: 'service', serviceId: 's1', practice: ' pairing ' })).toEqual({
      serviceId: 's1',
      practice: 'pairing',
      startedAt: '2026-03-01',
    });
  });
});

describe(sortAdoptions.name, () => {
  it('puts the latest start first', () => {
    const sut = sortAdoptions([adoption('a', '2025-01-01', 'payments', null), adoption('b', '2026-01-01', null, 'ledger')]);
    expect(sut.map((item) => item.id)).toEqual(['b', 'a']);
    expect(sut.map(adopterLabel)).toEqual(['Service ledger', 'Team payments']);
  });
});

describe(knownPractices.name, () => {
  it('offers the default first and each practice once', () => {
    expect(knownPractices([adoption('a', '2025-01-01', 't', null, 'pairing'), adoption('b', '2025-01-01', 't', null)])).toEqual([
      'context-aware-development',
      'pairing',
    ]);
  });
});

describe(validateAdoptionEdit.name, () => {
  it('checks practice and start, and keeps the start before the end', () => {
    expect(validateAdoptionEdit({ practice: 'pairing', startedAt: '2026-01-01' }, null)).toEqual({});
    expect(validateAdoptionEdit({ practice: '', startedAt: '2026-01-01' }, null)).toEqual({ practice: 'Name the practice.' });
    expect(validateAdoptionEdit({ practice: 'pairing', startedAt: '2026-06-01' }, '2026-05-31').startedAt).toBe('Start on or before the end, 2026-05-31.');
  });
});

describe(adoptionChanges.name, () => {
  const before = adoption('a', '2026-01-01', 't', null);

  it('sends only what changed', () => {
    expect(adoptionChanges(before, { practice: ' context-aware-development ', startedAt: '2026-01-01' })).toBeNull();
    expect(adoptionChanges(before, { practice: 'context-aware-development', startedAt: '2026-02-01' })).toEqual({ startedAt: '2026-02-01' });
  });
});

describe(retireProblem.name, () => {
  it('needs a real date not before the start', () => {
    expect(retireProblem('', '2026-01-01')).toBe('Give the date the practice ended.');
    expect(retireProblem('2025-12-31', '2026-01-01')).toBe('End on or after the start, 2026-01-01.');
    expect(retireProblem('2026-01-01', '2026-01-01')).toBeNull();
  });
});
