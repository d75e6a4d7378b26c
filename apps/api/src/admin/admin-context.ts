import { DataSource } from 'typeorm';
import { AuditLog } from '../audit/audit-log.repository';
import { SessionRepository } from '../auth/session.repository';
import type { AppConfig } from '../config/app-config';
import { migrate, openDatabaseTarget } from '../database/data-source';
import { TeamsRepository } from '../teams/teams.repository';
import { TokenRepository } from '../tokens/token.repository';
import { TokensService } from '../tokens/tokens.service';
import { UserRepository } from '../users/user.repository';
import { UsersService } from '../users/users.service';

/** What the CLI's admin commands work with: the same services as the API, on a plain DataSource. */
export interface AdminContext {
  users: UsersService;
  tokens: TokensService;
  /** A team's id from its name or id; null when there is no such team. */
  teamId(nameOrId: string): Promise<string | null>;
  close(): Promise<void>;
}

/**
 * Opens the configured database for administration without starting the application (whose start-up
 * work, such as failing interrupted imports, belongs to the server alone). Beside a running server on
 * the same data directory it shares that server's embedded PostgreSQL; otherwise it starts it, and stops
 * it again on close. With DATABASE_URL it connects there.
 */
export async function openAdminContext(config: Pick<AppConfig, 'databaseUrl' | 'dataDir'>): Promise<AdminContext> {
  const target = await openDatabaseTarget(config);
  let dataSource: DataSource | null = null;
  try {
    await migrate(target.options);
    dataSource = await new DataSource({ ...target.options, extra: { ...(target.options.extra as object), max: 2 } }).initialize();
  } catch (error) {
    await target.embedded?.stop();
    throw error;
  }
  const ds = dataSource;
  const audit = new AuditLog();
  return {
    users: new UsersService(ds, new UserRepository(ds), new SessionRepository(ds), audit),
    tokens: new TokensService(ds, new TokenRepository(ds), audit, new TeamsRepository(ds)),
    teamId: (nameOrId) => new TeamsRepository(ds).idOf(nameOrId.trim()),
    close: async () => {
      await ds.destroy();
      await target.embedded?.stop();
    },
  };
}
