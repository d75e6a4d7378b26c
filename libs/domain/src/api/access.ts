/** What a person may do is decided by one role; what a machine may do, by its token's scopes. */
export const ROLES = ['admin', 'security_lead', 'manager', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const TOKEN_SCOPES = ['findings:write', 'threat-models:write', 'read', 'context:read', 'export', 'metrics:read', 'admin'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/** The header a session-authenticated request that changes something must carry. */
export const CSRF_HEADER = 'X-CSRF-Token';

export interface TeamRefDto {
  id: string;
  name: string;
}

/** The signed-in person, as the dashboard shows and checks it. */
export interface AuthUserDto {
  id: string;
  email: string;
  role: Role;
  /** The teams a manager or viewer is limited to; empty for organisation-wide access. */
  teams: TeamRefDto[];
  /** True until the one-time password is replaced: only the password change is allowed meanwhile. */
  mustChangePassword: boolean;
}

/** Answer of login, password change and `GET /api/v1/auth/me` for a session. */
export interface AuthSessionDto {
  kind: 'session';
  user: AuthUserDto;
  /** Send it back in the X-CSRF-Token header on every POST, PUT, PATCH and DELETE. */
  csrfToken: string;
  /** The session ends at this time whatever the activity. */
  expiresAt: string;
  /** The session also ends after this long without a request. */
  idleTimeoutSeconds: number;
}

/** Answer of `GET /api/v1/auth/me` for a machine token. */
export interface AuthTokenDto {
  kind: 'token';
  token: { id: string; name: string; prefix: string; scopes: TokenScope[]; teamId: string | null; expiresAt: string | null };
}

export type WhoAmIDto = AuthSessionDto | AuthTokenDto;
