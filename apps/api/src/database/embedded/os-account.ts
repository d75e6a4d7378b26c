import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The account PostgreSQL runs as, passed to `spawn` and `execFileSync` as their `uid` and `gid`. */
export interface OsAccount {
  uid: number;
  gid: number;
}

const OS_USER = 'postgres';

/** PostgreSQL refuses to run as root: when we are root, it runs as the `postgres` account (created if missing). */
export function resolveOsAccount(): OsAccount | null {
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
export function grantTraversal(target: string): void {
  const parts = path.resolve(target).split(path.sep).filter(Boolean);
  let current: string = path.sep;
  for (const part of ['', ...parts]) {
    current = path.join(current, part);
    const { mode } = fs.statSync(current);
    if ((mode & 0o001) === 0) fs.chmodSync(current, mode | 0o001);
  }
}
