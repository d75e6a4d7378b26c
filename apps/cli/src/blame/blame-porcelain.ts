/** What `git blame` says of one line: the commit that last changed it and that commit's author time. */
export interface LineBlame {
  commit: string;
  /** ISO 8601, UTC. */
  authoredAt: string;
}

const HEADER = /^([0-9a-f]{40}|[0-9a-f]{64}) \d+ (\d+)(?: \d+)?$/;
const NOT_COMMITTED = /^0+$/;

/**
 * Reads `git blame --porcelain` output: each blamed line starts with a header (commit, original line,
 * final line), the commit's details follow only the first time that commit appears, and the line's
 * content comes last, after a tab. Lines not committed yet (the all-zero commit) are left out: they
 * have no introduction to report.
 */
export function parseBlamePorcelain(output: string): Map<number, LineBlame> {
  const authorTime = new Map<string, number>();
  const commitOfLine = new Map<number, string>();
  let current: { commit: string; line: number } | null = null;
  for (const text of output.split('\n')) {
    if (text.startsWith('\t')) {
      if (current) commitOfLine.set(current.line, current.commit);
      current = null;
      continue;
    }
    const header: RegExpExecArray | null = current === null ? HEADER.exec(text) : null;
    if (header) {
      current = { commit: header[1], line: Number(header[2]) };
    } else if (current && text.startsWith('author-time ')) {
      authorTime.set(current.commit, Number(text.slice('author-time '.length)));
    }
  }
  const blamed = new Map<number, LineBlame>();
  for (const [line, commit] of commitOfLine) {
    const seconds = authorTime.get(commit);
    if (NOT_COMMITTED.test(commit) || seconds === undefined || !Number.isFinite(seconds)) continue;
    blamed.set(line, { commit, authoredAt: new Date(seconds * 1000).toISOString() });
  }
  return blamed;
}
