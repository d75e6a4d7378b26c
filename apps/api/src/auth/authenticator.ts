import { Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { DomainError } from '../common/domain-error';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { TokenRepository } from '../tokens/token.repository';
import { parseToken } from '../tokens/token-secret';
import { teamScopeOfUser, type Principal, type TokenPrincipal, type UserPrincipal } from './principal';
import { csrfTokenOf, sameBytes, sha256 } from './secrets';
import { SESSION_COOKIE } from './session-cookie';
import { SessionRepository } from './session.repository';

const unauthenticated = (detail: string) => new DomainError('unauthenticated', detail);

/**
 * Turns a request's credentials into a principal: a bearer token first (machines), else the session
 * cookie (people). Credentials that are present but wrong are an error, never a fall-back to anonymous.
 */
@Injectable()
export class Authenticator {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tokens: TokenRepository,
    private readonly sessions: SessionRepository,
  ) {}

  async authenticate(request: Request): Promise<Principal | null> {
    const header = request.headers.authorization;
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
      if (!match) throw unauthenticated('The Authorization header must be "Bearer <token>"');
      const principal = await this.byToken(match[1]);
      if (!principal) throw unauthenticated('The API token is not valid: unknown, revoked or expired');
      return principal;
    }
    const secret = (request.cookies as Record<string, unknown> | undefined)?.[SESSION_COOKIE];
    if (typeof secret === 'string' && secret !== '') {
      const principal = await this.bySession(secret);
      if (!principal) throw unauthenticated('The session has ended; sign in again');
      return principal;
    }
    return null;
  }

  private async byToken(value: string): Promise<TokenPrincipal | null> {
    const parts = parseToken(value);
    if (!parts) return null;
    const row = await this.tokens.findLiveByPrefix(parts.prefix);
    if (!row || !sameBytes(sha256(parts.secret), row.secret_sha256)) return null;
    await this.tokens.touch(row.id);
    return { kind: 'token', id: row.id, name: row.name, scopes: row.scopes, teams: row.team_id ? [row.team_id] : null };
  }

  async bySession(secret: string): Promise<UserPrincipal | null> {
    const row = await this.sessions.findLive(secret, this.config.security.sessionIdleMs);
    if (!row) return null;
    await this.sessions.touch(row.id);
    return {
      kind: 'user',
      id: row.user_id,
      email: row.email,
      role: row.role,
      teams: teamScopeOfUser(row.role, row.team_ids),
      sessionId: row.id,
      mustChangePassword: row.must_change_password,
      csrfToken: csrfTokenOf(secret),
      sessionExpiresAt: row.expires_at,
    };
  }
}
