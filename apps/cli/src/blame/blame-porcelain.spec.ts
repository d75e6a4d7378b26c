import { parseBlamePorcelain } from './blame-porcelain';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const ZERO = '0'.repeat(40);

describe(parseBlamePorcelain.name, () => {
  it('gives each line its commit and author time, with details given only at a commit\'s first appearance', () => {
    const output = [
      `${A} 1 3 1`,
      'author Ada',
      'author-mail <ada@example.com>',
      'author-time 1700000000',
      'author-tz +0100',
      'committer Ada',
      'committer-time 1700000500',
      'summary first',
      'filename src/app.ts',
      '\tconst a = 1;',
      `${B} 7 9 1`,
      'author Bob',
      'author-time 1710000000',
      'summary second',
      'previous ' + A + ' src/app.ts',
      'filename src/app.ts',
      '\tconst b = 2;',
      `${A} 2 10 1`,
      'filename src/app.ts',
      '\tconst c = 3;',
    ].join('\n');
    const sut = parseBlamePorcelain(output);
    expect([...sut.entries()].sort(([x], [y]) => x - y)).toEqual([
      [3, { commit: A, authoredAt: '2023-11-14T22:13:20.000Z' }],
      [9, { commit: B, authoredAt: '2024-03-09T16:00:00.000Z' }],
      [10, { commit: A, authoredAt: '2023-11-14T22:13:20.000Z' }],
    ]);
  });

  it('leaves out lines not committed yet', () => {
    const output = [`${ZERO} 4 4 1`, 'author Not Committed Yet', 'author-time 1760000000', 'filename x', '\tdraft'].join('\n');
    expect(parseBlamePorcelain(output).size).toBe(0);
  });

  it('reads a line whose content looks like a header as content', () => {
    const output = [`${A} 1 1 1`, 'author-time 1700000000', 'filename f', `\t${B} 1 2 1`].join('\n');
    expect([...parseBlamePorcelain(output).keys()]).toEqual([1]);
  });
});
