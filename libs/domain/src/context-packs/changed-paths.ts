/** Most files a checklist takes from one diff; more is not a review a person can do. */
export const MAX_CHANGED_PATHS = 2000;
const MAX_HEADER_LENGTH = 4096;

/**
 * The files a unified diff (git or plain `diff -u`) changes, in order of appearance, without
 * duplicates: the new name of a changed, added or renamed file, the old name of a deleted one. Git's
 * own `diff --git a/X b/Y` headers count too, so binary files and pure renames (no hunks) are not missed.
 * Written here rather than taken from a diff library because only the file headers are needed, and a
 * line scan of them is bounded by the diff's size.
 */
export function changedPathsOfDiff(diff: string): string[] {
  const paths: string[] = [];
  let oldPath: string | null = null;
  const add = (path: string | null) => {
    if (path !== null && !paths.includes(path)) paths.push(path);
  };
  for (const line of diff.split(/\r?\n/)) {
    if (paths.length >= MAX_CHANGED_PATHS) break;
    // No path is this long; the bound also keeps the pattern's backtracking small on hostile input.
    const git = line.length <= MAX_HEADER_LENGTH ? /^diff --git (?:"?a\/)(.+?)"? (?:"?b\/)(.+?)"?$/.exec(line) : null;
    if (git) add(git[2]);
    else if (line.startsWith('--- ')) oldPath = headerPath(line.slice(4), 'a/');
    else if (line.startsWith('+++ ')) {
      add(headerPath(line.slice(4), 'b/') ?? oldPath);
      oldPath = null;
    }
  }
  return paths;
}

/** The path of a `---`/`+++` header, without its `a/`/`b/` prefix and timestamp; null for /dev/null. */
function headerPath(header: string, prefix: string): string | null {
  let path = header.split('\t')[0].trim();
  if (path.startsWith('"') && path.endsWith('"') && path.length > 1) path = path.slice(1, -1);
  if (path === '/dev/null' || path === '') return null;
  return path.startsWith(prefix) ? path.slice(prefix.length) : path;
}
