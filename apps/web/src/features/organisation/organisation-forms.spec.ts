import { isTaken, nameProblem, parseRepositoryPatterns, serviceRequest, validateService } from './organisation-forms';

describe(parseRepositoryPatterns.name, () => {
  it('takes one pattern a line or comma, trimmed, without blanks or repeats', () => {
    const sut = parseRepositoryPatterns(' github.com/acme/pay-*\n\ngithub.com/acme/ledger, github.com/acme/pay-* \n');
    expect(sut).toEqual(['github.com/acme/pay-*', 'github.com/acme/ledger']);
  });
});

describe(validateService.name, () => {
  const existing = [{ name: 'checkout-api' }];

  it('asks for a name that is not taken', () => {
    expect(validateService({ name: '  ', teamId: '', patterns: '' }, existing)).toEqual({ name: 'Give the service a name.' });
    expect(validateService({ name: 'Checkout-API ', teamId: '', patterns: '' }, existing)).toEqual({ name: 'A service of this name exists already.' });
  });

  it('checks the API limits on patterns', () => {
    expect(validateService({ name: 'ledger', teamId: '', patterns: 'x'.repeat(501) }, existing).patterns).toMatch(/500 characters/);
    expect(validateService({ name: 'ledger', teamId: '', patterns: 'github.com/acme/ledger' }, existing)).toEqual({});
  });
});

describe(serviceRequest.name, () => {
  it('leaves out what was not given', () => {
    expect(serviceRequest({ name: ' ledger ', teamId: '', patterns: '' })).toEqual({ name: 'ledger' });
    expect(serviceRequest({ name: 'ledger', teamId: 't1', patterns: 'a\nb' })).toEqual({ name: 'ledger', teamId: 't1', repositoryPatterns: ['a', 'b'] });
  });
});

describe(nameProblem.name, () => {
  it('refuses blank and overlong names', () => {
    expect(nameProblem('', 'team')).toBe('Give the team a name.');
    expect(nameProblem('x'.repeat(201), 'team')).toMatch(/200/);
    expect(nameProblem('Payments', 'team')).toBeNull();
    expect(isTaken(' payments', [{ name: 'Payments' }])).toBe(true);
  });
});
