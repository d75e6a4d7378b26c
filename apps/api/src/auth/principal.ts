import type { Role, TokenScope } from '@escapement/domain';
import { forbidden } from '../common/domain-error';

/**
 * The teams whose services a caller may see and write; null when the caller is organisation-wide.
 * Every query over team data takes this, so a forgotten filter shows as a missing argument.
 */
export type TeamScope = readonly string[] | null;

/** A person signed in with a session cookie. */
export interface UserPrincipal {
  kind: 'user';
  id: string;
  email: string;
  role: Role;
  teams: TeamScope;
  sessionId: string;
  /** Derived from the session's secret; state-changing requests must echo it in X-CSRF-Token. */
  csrfToken: string;
  sessionExpiresAt: Date;
  mustChangePassword: boolean;
}

/** A machine (CI job, script) calling with a bearer token. */
export interface TokenPrincipal {
  kind: 'token';
  id: string;
  name: string;
  scopes: readonly TokenScope[];
  teams: TeamScope;
}

export type Principal = UserPrincipal | TokenPrincipal;

/** How the audit log, imports and overrides name who did something. */
export function actorOf(principal: Principal): string {
  return principal.kind === 'user' ? `user:${principal.email}` : `token:${principal.name}`;
}

/** Managers and viewers limited to teams see those teams; admins and security leads see every team. */
export function teamScopeOfUser(role: Role, teamIds: readonly string[]): TeamScope {
  if (role === 'admin' || role === 'security_lead') return null;
  return teamIds.length ? [...teamIds] : null;
}

/** True when the caller may see data of a service owned by `teamId` (null: a service without a team). */
export function canSeeTeam(scope: TeamScope, teamId: string | null): boolean {
  return scope === null || (teamId !== null && scope.includes(teamId));
}

/** The person behind a session; a token asking for a person's operation is refused. */
export function sessionUser(principal: Principal): UserPrincipal {
  if (principal.kind !== 'user') throw forbidden('This is for people signed in, not for tokens');
  return principal;
}
