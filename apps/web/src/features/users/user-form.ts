import type { Role } from '@escapement/domain';

export interface UserDraft {
  email: string;
  role: Role;
  teamIds: string[];
}

export type UserField = 'email' | 'role' | 'teamIds';

export const EMPTY_USER_DRAFT: UserDraft = { email: '', role: 'viewer', teamIds: [] };

/** The roles that take teams; admins and security leads see everything, so teams would only mislead. */
export function takesTeams(role: Role): boolean {
  return role === 'manager' || role === 'viewer';
}

/** The API's team rule per role, so that the form says it before sending. */
export function teamsProblem(role: Role, teamIds: readonly string[]): string | null {
  if (role === 'manager' && teamIds.length === 0) return 'A manager manages at least one team: choose it.';
  if (!takesTeams(role) && teamIds.length > 0) return 'Administrators and security leads see every team: choose none.';
  return null;
}

export function validateUser(draft: UserDraft, existingEmails: readonly string[]): Partial<Record<UserField, string>> {
  const errors: Partial<Record<UserField, string>> = {};
  const email = draft.email.trim().toLowerCase();
  if (email === '') errors.email = 'Enter the person’s email address.';
  else if (!/^[^\s@]+@[^\s@]+$/.test(email) || email.length > 320) errors.email = 'Enter an email address such as dana@example.com.';
  else if (existingEmails.some((existing) => existing.toLowerCase() === email)) errors.email = 'An account with this email address exists already.';
  const teams = teamsProblem(draft.role, draft.teamIds);
  if (teams) errors.teamIds = teams;
  return errors;
}

/** Switching to a role that takes no teams drops the selection, which would otherwise be refused. */
export function withRole(draft: UserDraft, role: Role): UserDraft {
  return { ...draft, role, teamIds: takesTeams(role) ? draft.teamIds : [] };
}

/** What changed between the account and the edit, as the PATCH body; null when nothing did. */
export function userChanges(
  before: { role: Role; teamIds: readonly string[] },
  after: { role: Role; teamIds: readonly string[] },
): { role?: Role; teamIds?: string[] } | null {
  const changes: { role?: Role; teamIds?: string[] } = {};
  if (before.role !== after.role) changes.role = after.role;
  const sameTeams = before.teamIds.length === after.teamIds.length && before.teamIds.every((id) => after.teamIds.includes(id));
  if (!sameTeams) changes.teamIds = [...after.teamIds];
  return Object.keys(changes).length ? changes : null;
}
