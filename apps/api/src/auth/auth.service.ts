import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog } from '../audit/audit-log.repository';
import { DomainError, invalid } from '../common/domain-error';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { TokenRepository } from '../tokens/token.repository';
import { mapUser, normaliseEmail } from '../users/user.dto';
import { UserRepository } from '../users/user.repository';
import type { AuthSessionResponse, AuthTokenResponse } from './auth.dto';
import { PasswordQueue } from './password-queue';
import { hashPassword, needsRehash, passwordProblem, verifyPassword } from './passwords';
import { actorOf, type Principal, type TokenPrincipal, type UserPrincipal } from './principal';
import { csrfTokenOf } from './secrets';
import { SessionRepository } from './session.repository';

/** Where a login came from, for the audit log. */
export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

/** A new session: the secret goes in the cookie, the rest in the answer. */
export interface StartedSession {
  secret: string;
  body: AuthSessionResponse;
}

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly tokens: TokenRepository,
    private readonly audit: AuditLog,
    private readonly passwords: PasswordQueue,
  ) {}

  /** Every failure gets the same answer, so the answer does not tell which accounts exist. */
  async login(emailInput: string, password: string, client: ClientInfo): Promise<StartedSession> {
    const email = normaliseEmail(emailInput);
    const account = await this.users.forLogin(email);
    const matches = await this.passwords.run(() => verifyPassword(account?.password_hash ?? null, password));
    if (!account || !matches || account.disabled_at) {
      const reason = !account ? 'unknown_account' : !matches ? 'wrong_password' : 'account_disabled';
      await this.audit.record(this.dataSource.manager, { actor: null, action: 'auth.login_failed', subjectType: 'user', subjectId: account?.id ?? null, details: { email, reason, ...client } });
      throw new DomainError('invalid_credentials', 'The email address or the password is wrong');
    }
    if (needsRehash(account.password_hash!)) await this.users.setPassword(this.dataSource, account.id, await this.passwords.run(() => hashPassword(password)), false);
    const started = await this.dataSource.transaction(async (manager) => {
      await this.sessions.purgeEnded(manager, this.config.security.sessionIdleMs);
      const session = await this.sessions.create(manager, account.id, { maxMs: this.config.security.sessionMaxMs, ...client });
      await this.audit.record(manager, { actor: `user:${email}`, action: 'auth.login_succeeded', subjectType: 'user', subjectId: account.id, details: { sessionId: session.id, ...client } });
      return session;
    });
    await this.users.recordLogin(account.id);
    return { secret: started.secret, body: await this.sessionBody(account.id, started.secret, started.expiresAt) };
  }

  async logout(principal: UserPrincipal): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.sessions.remove(manager, principal.sessionId);
      await this.audit.record(manager, { actor: actorOf(principal), action: 'auth.logout', subjectType: 'user', subjectId: principal.id, details: { sessionId: principal.sessionId } });
    });
  }

  /**
   * Needs the current password (a borrowed session is not enough). Ends every session of the person,
   * including this one, and starts a fresh session, so a stolen cookie dies with the old password.
   */
  async changePassword(principal: UserPrincipal, currentPassword: string, newPassword: string, client: ClientInfo): Promise<StartedSession> {
    const hash = await this.users.passwordHash(this.dataSource, principal.id);
    if (!(await this.passwords.run(() => verifyPassword(hash, currentPassword)))) {
      await this.audit.record(this.dataSource.manager, { actor: actorOf(principal), action: 'user.password_change_failed', subjectType: 'user', subjectId: principal.id, details: { reason: 'wrong_current_password', ...client } });
      throw invalid('The current password is wrong', [{ pointer: '/currentPassword', message: 'is wrong' }]);
    }
    const problem = passwordProblem(newPassword, principal.email);
    if (problem) throw invalid(`The new password ${problem}`, [{ pointer: '/newPassword', message: problem }]);
    if (newPassword === currentPassword) throw invalid('The new password must differ from the current one', [{ pointer: '/newPassword', message: 'same as the current password' }]);
    const newHash = await this.passwords.run(() => hashPassword(newPassword));
    const started = await this.dataSource.transaction(async (manager) => {
      await this.users.setPassword(manager, principal.id, newHash, false);
      await this.sessions.removeAllOf(manager, principal.id);
      const session = await this.sessions.create(manager, principal.id, { maxMs: this.config.security.sessionMaxMs, ...client });
      await this.audit.record(manager, { actor: actorOf(principal), action: 'user.password_changed', subjectType: 'user', subjectId: principal.id, details: { sessionId: session.id, ...client } });
      return session;
    });
    return { secret: started.secret, body: await this.sessionBody(principal.id, started.secret, started.expiresAt) };
  }

  async whoAmI(principal: Principal): Promise<AuthSessionResponse | AuthTokenResponse> {
    if (principal.kind === 'token') return this.tokenBody(principal);
    const user = await this.users.find(this.dataSource, principal.id);
    return {
      kind: 'session',
      user: mapUser(user!),
      csrfToken: principal.csrfToken,
      expiresAt: principal.sessionExpiresAt.toISOString(),
      idleTimeoutSeconds: Math.round(this.config.security.sessionIdleMs / 1000),
    };
  }

  private async sessionBody(userId: string, secret: string, expiresAt: Date): Promise<AuthSessionResponse> {
    const user = await this.users.find(this.dataSource, userId);
    return {
      kind: 'session',
      user: mapUser(user!),
      csrfToken: csrfTokenOf(secret),
      expiresAt: new Date(expiresAt).toISOString(),
      idleTimeoutSeconds: Math.round(this.config.security.sessionIdleMs / 1000),
    };
  }

  private async tokenBody(principal: TokenPrincipal): Promise<AuthTokenResponse> {
    const row = (await this.tokens.find(this.dataSource, principal.id))!;
    return {
      kind: 'token',
      token: { id: row.id, name: row.name, prefix: row.prefix, scopes: row.scopes, teamId: row.team_id, expiresAt: row.expires_at?.toISOString() ?? null },
    };
  }
}
