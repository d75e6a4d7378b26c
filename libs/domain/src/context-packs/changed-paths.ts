/** Most files a checklist takes from one diff; more is not a review a person can do. */
export const MAX_CHANGED_PATHS = 2000;

/**
 * The files a unified diff (git or plain `diff -u`) changes, in order of appearance, without
 * duplicates: the new name of a changed, added or renamed file, the old name of a deleted one.
 * Written here rather than taken from a diff library because only the file headers are needed, and a
 * line scan of them is bounded by the diff's size.
 */
export function changedPathsOfDiff(diff: string): string[] {
  const paths: string[] = [];
  let oldPath: string | null = null;
  for (const line of diff.split(/\r?\n/)) {
    if (line.startsWith('--- ')) oldPath = headerPath(line.slice(4), 'a/');
    else if (line.startsWith('+++ ')) {
      const newPath = headerPath(line.slice(4), 'b/');
      const path = newPath ?? oldPath;
      if (path !== null && !paths.includes(path)) paths.push(path);
      oldPath = null;
      if (paths.length >= MAX_CHANGED_PATHS) break;
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
