import type { INestApplication } from '@nestjs/common';
import type { Role, TokenScope } from '@escapement/domain';
import { DataSource } from 'typeorm';
import { hashPassword } from '../../apps/api/src/auth/passwords';
import { csrfTokenOf } from '../../apps/api/src/auth/secrets';
import { SESSION_COOKIE } from '../../apps/api/src/auth/session-cookie';
import { SessionRepository } from '../../apps/api/src/auth/session.repository';
import { TokensService } from '../../apps/api/src/tokens/tokens.service';
import { UserRepository } from '../../apps/api/src/users/user.repository';
import { UsersService } from '../../apps/api/src/users/users.service';

/** The password test users get unless a spec chooses one; long enough for the password rules. */
export const TEST_PASSWORD = 'correct horse battery staple';

export interface TestUser {
  id: string;
  email: string;
  password: string;
}

/**
 * An account with a known password, ready to sign in through the login form or the API (no one-time
 * password to replace unless `mustChangePassword`). For e2e and browser tests only: it goes through the
 * same service as `escapement admin create-user`, then sets the password the way a password change does.
 */
export async function createTestUser(
  app: INestApplication,
  options: { email: string; role: Role; teamIds?: string[]; password?: string; mustChangePassword?: boolean },
): Promise<TestUser> {
  const { user } = await app.get(UsersService).create({ email: options.email, role: options.role, teamIds: options.teamIds }, 'test');
  const password = options.password ?? TEST_PASSWORD;
  await app.get(UserRepository).setPassword(app.get(DataSource), user.id, await hashPassword(password), options.mustChangePassword ?? false);
  return { id: user.id, email: user.email, password };
}

/** A machine token, as `escapement admin create-token` makes it; `secret` is the bearer value. */
export async function createTestToken(
  app: INestApplication,
  options: { name: string; scopes: TokenScope[]; teamId?: string | null; expiresAt?: Date | null },
): Promise<{ id: string; secret: string }> {
  const { token, secret } = await app.get(TokensService).create(options, 'test');
  return { id: token.id, secret };
}

/** A signed-in session without going through the login route (and its rate limit): the headers to send. */
export async function startTestSession(app: INestApplication, userId: string): Promise<{ cookie: string; csrfToken: string; sessionId: string }> {
  const dataSource = app.get(DataSource);
  const session = await app.get(SessionRepository).create(dataSource, userId, { maxMs: 3_600_000, ip: null, userAgent: 'e2e' });
  return { cookie: `${SESSION_COOKIE}=${session.secret}`, csrfToken: csrfTokenOf(session.secret), sessionId: session.id };
}
