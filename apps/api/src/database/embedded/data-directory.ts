import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { binary } from './binaries';
import type { OsAccount } from './os-account';

/**
 * Creates an empty cluster in `pgData` with `superuser` and a fresh random password, written to
 * `passwordFile` (readable by this account only) for every later start.
 */
export function initialiseDataDirectory(pgData: string, passwordFile: string, superuser: string, account: OsAccount | null): void {
  fs.rmSync(pgData, { recursive: true, force: true });
  fs.mkdirSync(pgData, { mode: 0o700 });
  const password = randomBytes(24).toString('base64url');
  fs.writeFileSync(passwordFile, password, { mode: 0o600 });
  // initdb reads the password from a file, which the server's account must own while it runs.
  const pwfile = path.join(path.dirname(passwordFile), `pwfile-${process.pid}`);
  fs.writeFileSync(pwfile, password, { mode: 0o600 });
  if (account) {
    fs.chownSync(pgData, account.uid, account.gid);
    fs.chownSync(pwfile, account.uid, account.gid);
  }
  try {
    execFileSync(binary('initdb'), ['-D', pgData, '-U', superuser, '--pwfile', pwfile, '--auth=scram-sha-256', '-E', 'UTF8', '--locale=C', '--no-sync'], {
      stdio: 'pipe',
      ...(account ?? {}),
    });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
    fs.rmSync(pgData, { recursive: true, force: true });
    throw new Error(`initdb failed for ${pgData}: ${stderr.trim() || (error as Error).message}`);
  } finally {
    fs.rmSync(pwfile, { force: true });
  }
}

export function isInitialised(pgData: string): boolean {
  return fs.existsSync(path.join(pgData, 'PG_VERSION'));
}
