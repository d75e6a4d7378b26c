import { JsonReader } from '../json-reader';
import { artifactPath, resolveUriBases } from './sarif-uri';

describe(resolveUriBases.name, () => {
  const sut = resolveUriBases;

  it('resolves chained bases and stops at the base mapped to the repository root', () => {
    const bases = sut(
      { PROJECTROOT: { uri: 'file://build.example.com/checkout/' }, SRCROOT: { uri: ' src/', uriBaseId: 'PROJECTROOT' }, BIN: { uri: 'bin', uriBaseId: 'SRCROOT' } },
      'PROJECTROOT',
      '/runs/0/originalUriBaseIds',
      new JsonReader(),
    );
    expect(Object.fromEntries(bases)).toEqual({ PROJECTROOT: '', SRCROOT: 'src/', BIN: 'src/bin/' });
  });

  it('takes a top-level file base as the checkout root when no base is declared the repository root', () => {
    const bases = sut({ ROOT: { uri: 'file:///home/ci/app/' }, SRC: { uri: 'src/', uriBaseId: 'ROOT' } }, null, '/o', new JsonReader());
    expect(bases.get('ROOT')).toBe('');
    expect(bases.get('SRC')).toBe('src/');
  });

  it('keeps web bases whole', () => {
    const bases = sut({ SITE: { uri: 'https://shop.example.com/' } }, null, '/o', new JsonReader());
    expect(bases.get('SITE')).toBe('https://shop.example.com/');
  });

  it('reports a cycle at the base that closes it', () => {
    const reader = new JsonReader();
    sut({ A: { uri: 'a/', uriBaseId: 'B' }, B: { uri: 'b/', uriBaseId: 'A' } }, null, '/runs/0/originalUriBaseIds', reader);
    expect(reader.problems.items).toEqual([{ pointer: '/runs/0/originalUriBaseIds/A/uriBaseId', message: 'base ids form a cycle: A → B → A' }]);
  });
});

describe(artifactPath.name, () => {
  const sut = artifactPath;
  const bases = new Map([
    ['SRCROOT', 'src/'],
    ['ROOT', 'file:///home/ci/app/'],
    ['REPO', ''],
  ]);

  it.each([
    ['collections/list.h', 'SRCROOT', 'src/collections/list.h'],
    ['./lib/a.js', null, 'lib/a.js'],
    ['lib/./b/../a.js', null, 'lib/a.js'],
    ['my%20file.ts', 'REPO', 'my file.ts'],
    ['good/db_init.py', '%SRCROOT%', 'good/db_init.py'],
    ['file:///src/index.js', null, '/src/index.js'],
    ['file:///C:/code/file1.c', null, 'C:/code/file1.c'],
    ['file://build.example.com/checkout/src/a.c', null, '/checkout/src/a.c'],
    ['main.go', 'ROOT', '/home/ci/app/main.go'],
    ['/docs/intro.docx', 'ROOT', '/docs/intro.docx'],
    ['src\\win\\file.cs', null, 'src/win/file.cs'],
    ['100%.txt', null, '100%.txt'],
    ['https://shop.example.com/login?next=%2F', null, 'https://shop.example.com/login?next=%2F'],
  ])('reads %j (base %j) as %j', (uri, baseId, path) => {
    expect(sut(uri, baseId, bases)).toBe(path);
  });

  it('has no path for an empty URI', () => {
    expect(sut('', null, bases)).toBeNull();
    expect(sut('./', null, bases)).toBeNull();
  });
});
