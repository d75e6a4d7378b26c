import type { Role } from '@escapement/domain';

/**
 * Where to go after signing in. Only a path of this dashboard is accepted: a `returnTo` that names
 * another site (`//evil.example`, `https://…`) would turn the login page into an open redirect.
 */
export function safeReturnPath(value: string | null | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  // The login pages themselves are no place to return to: it would loop.
  if (value === '/login' || value.startsWith('/login?') || value.startsWith('/change-password')) return '/';
  return value;
}

/** The login page's address that brings the person back to `path` (path, search and hash) afterwards. */
export function loginHref(path: string, page: '/login' | '/change-password' = '/login'): string {
  const back = safeReturnPath(path);
  return back === '/' ? page : `${page}?${new URLSearchParams({ returnTo: back }).toString()}`;
}

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Administrator',
  security_lead: 'Security lead',
  manager: 'Manager',
  viewer: 'Viewer',
};

/** What the dashboard offers each role; the API decides again on every call, this only hides what would be refused. */
export type Capability = 'administer' | 'triage' | 'organise' | 'recordAdoption';

const CAPABILITIES: Record<Role, readonly Capability[]> = {
  admin: ['administer', 'triage', 'organise', 'recordAdoption'],
  security_lead: ['triage', 'organise', 'recordAdoption'],
  manager: ['recordAdoption'],
  viewer: [],
};

export function can(role: Role | null | undefined, capability: Capability): boolean {
  return role != null && CAPABILITIES[role].includes(capability);
}

/** The API's password rule, checked before sending so the person learns it at once. */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;

export function passwordProblem(password: string, email: string): string | null {
  if (password.length < PASSWORD_MIN) return `Use at least ${PASSWORD_MIN} characters.`;
  if (password.length > PASSWORD_MAX) return `Use at most ${PASSWORD_MAX} characters.`;
  if (password.trim().toLowerCase() === email.trim().toLowerCase()) return 'Choose something other than your email address.';
  return null;
}
