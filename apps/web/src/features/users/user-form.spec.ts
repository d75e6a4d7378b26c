import { EMPTY_USER_DRAFT, teamsProblem, userChanges, validateUser, withRole } from './user-form';

describe(validateUser.name, () => {
  it('accepts a viewer without teams', () => {
    expect(validateUser({ ...EMPTY_USER_DRAFT, email: 'dana@example.com' }, [])).toEqual({});
  });

  it('asks for a new, well-formed email address', () => {
    expect(validateUser(EMPTY_USER_DRAFT, []).email).toMatch(/Enter the person/);
    expect(validateUser({ ...EMPTY_USER_DRAFT, email: 'dana' }, []).email).toMatch(/such as/);
    expect(validateUser({ ...EMPTY_USER_DRAFT, email: ' Dana@Example.com' }, ['dana@example.com']).email).toMatch(/exists already/);
  });
});

describe(teamsProblem.name, () => {
  it('follows the API rule for each role', () => {
    expect(teamsProblem('manager', [])).toMatch(/at least one team/);
    expect(teamsProblem('manager', ['t1'])).toBeNull();
    expect(teamsProblem('admin', ['t1'])).toMatch(/choose none/);
    expect(teamsProblem('viewer', [])).toBeNull();
  });
});

describe(withRole.name, () => {
  it('drops teams for a role that sees everything', () => {
    expect(withRole({ ...EMPTY_USER_DRAFT, teamIds: ['t1'] }, 'security_lead').teamIds).toEqual([]);
    expect(withRole({ ...EMPTY_USER_DRAFT, teamIds: ['t1'] }, 'manager').teamIds).toEqual(['t1']);
  });
});

describe(userChanges.name, () => {
  it('sends only what changed', () => {
    expect(userChanges({ role: 'viewer', teamIds: ['a', 'b'] }, { role: 'viewer', teamIds: ['b', 'a'] })).toBeNull();
    expect(userChanges({ role: 'viewer', teamIds: [] }, { role: 'manager', teamIds: ['a'] })).toEqual({ role: 'manager', teamIds: ['a'] });
    expect(userChanges({ role: 'viewer', teamIds: ['a'] }, { role: 'admin', teamIds: ['a'] })).toEqual({ role: 'admin' });
  });
});
