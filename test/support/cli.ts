import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
export const CLI = path.join(ROOT, 'apps', 'cli', 'bin', 'escapement.js');

/** Runs the built `escapement` command, as a person at a terminal would (in the repository, unless `cwd`). */
export function escapement(args: string[], env: Record<string, string> = {}, cwd = ROOT): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
}

/** The same, without blocking this process: for a server running in the test's own process, or long waits. */
export function escapementAsync(args: string[], env: Record<string, string> = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/**
 * A token made by `escapement admin create-token` on a data directory (beside a server running on it, or
 * not) or on DATABASE_URL: how specs of separate server processes authenticate.
 */
export function createTokenWithCli(target: { dataDir: string } | { databaseUrl: string }, scopes: string, name = `cli-${scopes.replace(/\W+/g, '-')}-${Date.now()}`): string {
  const env: Record<string, string> = 'dataDir' in target ? { ESCAPEMENT_DATA_DIR: target.dataDir, DATABASE_URL: '' } : { DATABASE_URL: target.databaseUrl };
  const run = escapement(['admin', 'create-token', '--name', name, '--scopes', scopes], env);
  if (run.status !== 0) throw new Error(`admin create-token failed (${run.status}):\n${run.stderr}`);
  return run.stdout.trim();
}
