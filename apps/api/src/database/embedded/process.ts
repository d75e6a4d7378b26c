import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { binary } from './binaries';
import type { OsAccount } from './os-account';

/** A running postmaster with the last lines it wrote to stderr, for the error when it fails to start. */
export interface ServerProcess {
  child: ChildProcess;
  stderr: () => string;
}

export function spawnServer(pgData: string, port: number, durable: boolean, account: OsAccount | null): ServerProcess {
  const args = [
    '-D', pgData,
    '-p', String(port),
    '-c', 'listen_addresses=127.0.0.1',
    '-c', 'unix_socket_directories=',
    '-c', 'max_connections=100',
    '-c', 'timezone=UTC',
    ...(durable ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']),
  ];
  // Own process group: a Ctrl-C in the terminal reaches the application, which then stops PostgreSQL in order.
  const child = spawn(binary('postgres'), args, {
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
    ...(account ?? {}),
  });
  const lines: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => {
    lines.push(chunk.toString());
    if (lines.length > 50) lines.shift();
  });
  return { child, stderr: () => lines.join('') };
}

/** Fast shutdown: open sessions are rolled back, then the server exits; a server that hangs is killed. */
export async function stopServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  server.kill('SIGINT');
  await Promise.race([exited, delay(15_000)]);
  if (server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
}

/** A server whose owner died (SIGKILL) is still running: stop it so that it can be started cleanly. */
export async function stopOrphan(pgData: string, log?: (message: string) => void): Promise<void> {
  const pid = postmasterPid(pgData);
  if (pid === null || !isAlive(pid)) return;
  log?.(`stopping PostgreSQL ${pid} left running by a previous start`);
  process.kill(pid, 'SIGINT');
  for (let waited = 0; waited < 15_000 && isAlive(pid); waited += 100) await delay(100);
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  for (let waited = 0; waited < 5_000 && isAlive(pid); waited += 100) await delay(100);
}

/** A tiny detached process that stops PostgreSQL when its parent (this process) disappears. */
export function startWatchdog(postgresPid: number): ChildProcess {
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

/** `owner.pid` names the process that started the server and the port it listens on. */
export function writeOwner(file: string, port: number): void {
  fs.writeFileSync(file, `${process.pid}\n${port}\n`);
}

export function readOwner(file: string): { pid: number; port: number } | null {
  try {
    const [pid, port] = fs.readFileSync(file, 'utf8').trim().split('\n').map(Number);
    return Number.isInteger(pid) && Number.isInteger(port) ? { pid, port } : null;
  } catch {
    return null;
  }
}

export function removeIfOwned(file: string): void {
  if (readOwner(file)?.pid === process.pid) fs.rmSync(file, { force: true });
}

export function postmasterPid(pgData: string): number | null {
  try {
    const pid = Number(fs.readFileSync(path.join(pgData, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

export function isAlive(pid: number): boolean {
  if (pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
