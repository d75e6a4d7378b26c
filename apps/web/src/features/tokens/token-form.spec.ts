import { EMPTY_TOKEN_DRAFT, toggleScope, tokenRequest, validateToken, type TokenDraft } from './token-form';

const draft: TokenDraft = { ...EMPTY_TOKEN_DRAFT, name: 'ci-payments', scopes: ['findings:write'] };
const TODAY = '2026-11-25';

describe(validateToken.name, () => {
  it('accepts a named token with a scope', () => {
    expect(validateToken(draft, TODAY, [])).toEqual({});
  });

  it('asks for a usable, unique name and a scope', () => {
    expect(validateToken({ ...draft, name: ' ', scopes: [] }, TODAY, [])).toEqual({
      name: 'Name the token after what uses it, e.g. ci-payments.',
      scopes: 'Choose at least one scope.',
    });
    expect(validateToken({ ...draft, name: 'ci/payments' }, TODAY, []).name).toMatch(/letters, digits/);
    expect(validateToken(draft, TODAY, ['ci-payments']).name).toMatch(/has this name already/);
  });

  it('refuses a team limit on an administering token and an expiry in the past', () => {
    expect(validateToken({ ...draft, scopes: ['admin'], teamId: 't1' }, TODAY, []).teamId).toMatch(/cannot be limited/);
    expect(validateToken({ ...draft, expiry: 'date', expiresOn: TODAY }, TODAY, []).expiresOn).toBe('Choose a date after today.');
    expect(validateToken({ ...draft, expiry: 'date', expiresOn: '' }, TODAY, []).expiresOn).toBe('Give the expiry date.');
  });
});

describe(tokenRequest.name, () => {
  const now = new Date('2026-11-25T10:00:00Z');

  it('leaves the default lifetime and an empty team to the server', () => {
    expect(tokenRequest({ ...draft, name: ' ci-payments ' }, now)).toEqual({ name: 'ci-payments', scopes: ['findings:write'] });
  });

  it('sends never as null, a date as its midnight, and other lifetimes from now', () => {
    expect(tokenRequest({ ...draft, expiry: 'never' }, now).expiresAt).toBeNull();
    expect(tokenRequest({ ...draft, expiry: 'date', expiresOn: '2027-01-31' }, now).expiresAt).toBe('2027-01-31T00:00:00.000Z');
    expect(tokenRequest({ ...draft, expiry: '30', teamId: 't1' }, now)).toMatchObject({ teamId: 't1', expiresAt: '2026-12-25T10:00:00.000Z' });
  });

  it('orders scopes as the API lists them', () => {
    expect(tokenRequest({ ...draft, scopes: ['read', 'findings:write'] }, now).scopes).toEqual(['findings:write', 'read']);
  });
});

describe(toggleScope.name, () => {
  it('adds once and removes', () => {
    expect(toggleScope(['read'], 'read', true)).toEqual(['read']);
    expect(toggleScope(['read', 'export'], 'read', false)).toEqual(['export']);
  });
});
