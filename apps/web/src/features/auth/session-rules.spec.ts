import { can, loginHref, passwordProblem, safeReturnPath } from './session-rules';

describe(safeReturnPath.name, () => {
  it('keeps a path of the dashboard with its query', () => {
    expect(safeReturnPath('/findings?class=design')).toBe('/findings?class=design');
  });

  it('refuses other sites and the login pages', () => {
    for (const value of [
      '//evil.example/x',
      'https://evil.example',
      '/\\evil.example',
      'findings',
      '',
      null,
      '/login',
      '/login?returnTo=/x',
      '/change-password',
    ]) {
      expect(safeReturnPath(value)).toBe('/');
    }
  });
});

describe(loginHref.name, () => {
  it('carries the way back, and leaves it out for the overview', () => {
    expect(loginHref('/findings?class=design')).toBe('/login?returnTo=%2Ffindings%3Fclass%3Ddesign');
    expect(loginHref('/')).toBe('/login');
    expect(loginHref('/teams', '/change-password')).toBe('/change-password?returnTo=%2Fteams');
  });
});

describe(can.name, () => {
  it('offers overrides to admins and security leads only', () => {
    expect(can('admin', 'triage')).toBe(true);
    expect(can('security_lead', 'triage')).toBe(true);
    expect(can('manager', 'triage')).toBe(false);
    expect(can('viewer', 'triage')).toBe(false);
  });

  it('offers settings to admins only and adoptions to managers too', () => {
    expect(can('security_lead', 'administer')).toBe(false);
    expect(can('manager', 'recordAdoption')).toBe(true);
    expect(can(null, 'recordAdoption')).toBe(false);
  });
});

describe(passwordProblem.name, () => {
  it('follows the API rule: 12 to 256 characters, not the email address', () => {
    expect(passwordProblem('short', 'a@b')).toMatch(/at least 12/);
    expect(passwordProblem('x'.repeat(257), 'a@b')).toMatch(/at most 256/);
    expect(passwordProblem('Dana@Example.com', 'dana@example.com')).toMatch(/email/);
    expect(passwordProblem('correct horse battery', 'dana@example.com')).toBeNull();
  });
});
