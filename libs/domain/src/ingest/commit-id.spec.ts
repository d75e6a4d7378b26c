import { parseCommitId } from './commit-id';

describe(parseCommitId.name, () => {
  it('accepts abbreviated, SHA-1 and SHA-256 ids, lowercased', () => {
    expect(parseCommitId('9FCEB02')).toBe('9fceb02');
    expect(parseCommitId(' 9fceb02d0ae598e95dc970b74767f19372d61af8 ')).toBe('9fceb02d0ae598e95dc970b74767f19372d61af8');
    expect(parseCommitId('a'.repeat(64))).toBe('a'.repeat(64));
  });

  it('refuses what is not a commit id', () => {
    for (const text of ['abc', 'HEAD', 'main', 'g123456', 'a'.repeat(65), '']) expect(parseCommitId(text)).toBeNull();
  });
});
