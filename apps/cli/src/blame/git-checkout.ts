import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { parseBlamePorcelain, type LineBlame } from './blame-porcelain';

const run = promisify(execFile);
/** Lines per `git blame` call: many `-L` ranges in one process, without nearing command-line limits. */
const LINES_PER_CALL = 500;

/** The git working tree the command runs in, and `git blame` of lines in it. */
export class GitCheckout {
  private constructor(readonly root: string) {}

  /** The checkout containing `directory`, or null when it is not inside one (or git is not installed). */
  static async find(directory: string): Promise<GitCheckout | null> {
    try {
      const { stdout } = await run('git', ['rev-parse', '--show-toplevel'], { cwd: directory });
      const root = stdout.trim();
      return root ? new GitCheckout(fs.realpathSync(root)) : null;
    } catch {
      return null;
    }
  }

  /**
   * A result's path as a file of this checkout, relative to its root: an absolute path inside it, or a
   * path relative to the root or to `cwd`. Null when no such file exists here.
   */
  resolve(filePath: string, cwd: string): string | null {
    const candidates = path.isAbsolute(filePath) ? [filePath] : [path.join(this.root, filePath), path.join(cwd, filePath)];
    for (const candidate of candidates) {
      let real: string;
      try {
        real = fs.realpathSync(candidate);
        if (!fs.statSync(real).isFile()) continue;
      } catch {
        continue;
      }
      const relative = path.relative(this.root, real);
      if (relative && !relative.startsWith('..') && !path.isAbsolute(relative)) return relative.split(path.sep).join('/');
    }
    return null;
  }

  /**
   * The commit and author time that last changed each of `lines` of a file (relative to the root), from
   * `git blame --porcelain` with one `-L n,n` per line, batched. Lines past the end of the file, lines not
   * committed yet and files git does not track are left out.
   */
  async blame(file: string, lines: readonly number[]): Promise<Map<number, LineBlame>> {
    const lineCount = countLines(fs.readFileSync(path.join(this.root, file), 'utf8'));
    const wanted = [...new Set(lines)].filter((line) => Number.isInteger(line) && line >= 1 && line <= lineCount).sort((a, b) => a - b);
    const blamed = new Map<number, LineBlame>();
    for (let start = 0; start < wanted.length; start += LINES_PER_CALL) {
      const ranges = wanted.slice(start, start + LINES_PER_CALL).flatMap((line) => ['-L', `${line},${line}`]);
      let stdout: string;
      try {
        ({ stdout } = await run('git', ['blame', '--porcelain', ...ranges, '--', file], { cwd: this.root, maxBuffer: 256 * 1024 * 1024 }));
      } catch {
        return blamed;
      }
      for (const [line, blame] of parseBlamePorcelain(stdout)) blamed.set(line, blame);
    }
    return blamed;
  }
}

function countLines(text: string): number {
  if (text === '') return 0;
  const breaks = text.split('\n').length - 1;
  return text.endsWith('\n') ? breaks : breaks + 1;
}
