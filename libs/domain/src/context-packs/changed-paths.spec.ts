import { changedPathsOfDiff } from './changed-paths';

describe(changedPathsOfDiff.name, () => {
  const sut = changedPathsOfDiff;

  it('takes the new name of changed, added and renamed files and the old name of deleted ones, once each', () => {
    const diff = [
      'diff --git a/src/a.ts b/src/a.ts',
      '--- a/src/a.ts',
      '+++ b/src/a.ts',
      '@@ -1 +1 @@',
      '-x',
      '+y',
      'diff --git a/new.ts b/new.ts',
      'new file mode 100644',
      '--- /dev/null',
      '+++ b/new.ts',
      'diff --git a/old.ts b/old.ts',
      '--- a/old.ts',
      '+++ /dev/null',
      'diff --git a/from.ts b/to.ts',
      '--- a/from.ts',
      '+++ b/to.ts',
      '--- a/src/a.ts',
      '+++ b/src/a.ts',
    ].join('\n');
    expect(sut(diff)).toEqual(['src/a.ts', 'new.ts', 'old.ts', 'to.ts']);
  });

  it('reads plain diff -u headers with timestamps, quoted names and CRLF line ends', () => {
    const diff = '--- src/x.ts\t2026-01-01 10:00:00\r\n+++ src/x.ts\t2026-01-02 10:00:00\r\n@@ -1 +1 @@\r\n--- a/"with space.ts"\r\n+++ "b/with space.ts"\r\n';
    expect(sut(diff)).toEqual(['src/x.ts', 'with space.ts']);
  });

  it('takes binary files and pure renames from git\'s own headers', () => {
    const diff = ['diff --git a/logo.png b/logo.png', 'Binary files a/logo.png and b/logo.png differ', 'diff --git a/old name.ts b/new name.ts', 'similarity index 100%', 'rename from old name.ts', 'rename to new name.ts'].join('\n');
    expect(sut(diff)).toEqual(['logo.png', 'new name.ts']);
  });

  it('finds nothing in text that is not a diff', () => {
    expect(sut('hello\nworld')).toEqual([]);
  });
});
