import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';

/** The PostgreSQL server binaries of this machine (the newest major under /usr/lib/postgresql): initdb, postgres, pg_basebackup. */
function serverBinaries(): string {
  const base = '/usr/lib/postgresql';
  const majors = fs.existsSync(base) ? fs.readdirSync(base).filter((d) => fs.existsSync(path.join(base, d, 'bin', 'pg_basebackup'))) : [];
  if (!majors.length) throw new Error('no PostgreSQL server binaries with pg_basebackup under /usr/lib/postgresql: install the postgresql package');
  return path.join(base, majors.sort((a, b) => Number(b) - Number(a))[0], 'bin');
}

/** PostgreSQL refuses to run as root: as root, its processes run as the `postgres` account. */
function account(): { uid: number; gid: number } | Record<string, never> {
  if (process.getuid?.() !== 0) return {};
  return { uid: Number(execFileSync('id', ['-u', 'postgres']).toString()), gid: Number(execFileSync('id', ['-g', 'postgres']).toString()) };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function run(bin: string, args: string[]): void {
  execFileSync(path.join(serverBinaries(), bin), args, { ...account(), stdio: 'pipe' });
}

export interface Postmaster {
  port: number;
  url: (database: string) => string;
  stop: () => Promise<void>;
}

async function startPostmaster(dataDir: string, socketDir: string): Promise<Postmaster> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    path.join(serverBinaries(), 'postgres'),
    ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${socketDir}`, '-c', 'wal_level=replica', '-c', 'max_wal_senders=4', '-c', 'hot_standby=on', '-c', 'fsync=off'],
    { ...account(), stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const url = (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    const client = new Client({ connectionString: url('postgres') });
    try {
      await client.connect();
      await client.end();
      break;
    } catch {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`postgres on ${dataDir} did not start:\n${log}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    port,
    url,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGINT'); // fast shutdown
      await exited;
    },
  };
}

export interface StreamingPair {
  primary: Postmaster;
  replica: Postmaster;
  close: () => Promise<void>;
}

/**
 * A primary (initdb'd in a temporary folder, wal_level=replica) holding `database`, and a streaming replica
 * of it: pg_basebackup -R into a second folder, started by a second postmaster on another free port.
 */
export async function startStreamingPair(database: string): Promise<StreamingPair> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'escapement-replica-'));
  const owner = account();
  if ('uid' in owner) fs.chownSync(dir, owner.uid, owner.gid);
  const primaryDir = path.join(dir, 'primary');
  const replicaDir = path.join(dir, 'replica');
  run('initdb', ['-D', primaryDir, '-U', 'postgres', '--auth=trust', '--no-sync', '--encoding=UTF8', '--locale=C']);
  const primary = await startPostmaster(primaryDir, dir);
  let replica: Postmaster | null = null;
  try {
    const client = new Client({ connectionString: primary.url('postgres') });
    await client.connect();
    await client.query(`CREATE DATABASE "${database}"`);
    await client.end();
    // -R writes standby.signal and primary_conninfo: the copy starts as a replica streaming from the primary.
    run('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primary.port), '-U', 'postgres', '-D', replicaDir, '-R', '-X', 'stream', '--no-sync']);
    replica = await startPostmaster(replicaDir, dir);
  } catch (error) {
    await primary.stop();
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    primary,
    replica,
    close: async () => {
      await replica?.stop();
      await primary.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
