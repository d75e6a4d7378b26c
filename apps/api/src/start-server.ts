import type { INestApplication } from '@nestjs/common';
import { loadAppConfig, logs, type AppConfig } from './config/app-config';
import { createApp } from './create-app';
import { migrate, openDatabaseTarget, type DatabaseTarget } from './database/data-source';
import { DemoSeeder } from './demo/demo-seeder';
import { createLogger, type Logger } from './logging/logger';
import { UsersService } from './users/users.service';

export interface StartServerOptions {
  /** 0 picks any free port. */
  port?: number;
  dataDir?: string;
  databaseUrl?: string;
  demo?: boolean;
  webDist?: string;
  quiet?: boolean;
  /** Test databases may skip fsync; never for user data. */
  durable?: boolean;
  env?: NodeJS.ProcessEnv;
}

export interface RunningServer {
  url: string;
  app: INestApplication;
  config: AppConfig;
  database: DatabaseTarget;
  logger: Logger;
  close(): Promise<void>;
}

/** Opens the database (starting the embedded one if needed), migrates, seeds the demo, and listens. */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const defined = Object.fromEntries(
    Object.entries({
      port: options.port,
      dataDir: options.dataDir,
      databaseUrl: options.databaseUrl,
      demo: options.demo,
      webDist: options.webDist,
      logLevel: options.quiet ? ('error' as const) : undefined,
    }).filter(([, value]) => value !== undefined),
  ) as Partial<AppConfig>;
  const config = loadAppConfig(options.env ?? process.env, defined);
  const logger = createLogger(config);
  const log = logs(config.logLevel, 'info') ? (message: string) => logger.info(message) : undefined;

  const database = await openDatabaseTarget(config, log, options.durable ?? true);
  let app: INestApplication | null = null;
  try {
    const applied = await migrate(database.options);
    if (applied.length) log?.(`applied migrations: ${applied.join(', ')}`);
    app = await createApp(config, database, { logger });
    await announceFirstAdmin(app, config);
    if (config.demo) await app.get(DemoSeeder).seedIfEmpty();
    await app.listen(config.port, '0.0.0.0');
  } catch (error) {
    await app?.close().catch(() => undefined);
    await database.embedded?.stop();
    throw error;
  }
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://localhost:${address.port}`;
  let closing: Promise<void> | null = null;
  return {
    url,
    app,
    config,
    database,
    logger,
    close: () => {
      closing ??= (async () => {
        await app!.close();
        await database.embedded?.stop();
      })();
      return closing;
    },
  };
}

/**
 * On an empty database, creates the first administrator and prints its one-time password, once: it is
 * stored only as a hash. Lost, it is replaced with `escapement admin reset-password`. Printed as plain
 * text, not as a log entry: it is addressed to the person starting the server, and log entries are
 * made never to hold a password.
 */
async function announceFirstAdmin(app: INestApplication, config: AppConfig): Promise<void> {
  const admin = await app.get(UsersService).createFirstAdmin(config.security.adminEmail);
  if (!admin || config.logLevel === 'silent') return;
  console.log(
    `[escapement] first administrator created: ${admin.email}, one-time password: ${admin.oneTimePassword}\n` +
      '[escapement] sign in with it and choose a new password; this password is not shown again.',
  );
}
