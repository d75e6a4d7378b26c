import fc from 'fast-check';
import { compileGlob, DEFAULT_GLOB_LIMITS, globProblem, GlobSyntaxError, normalisePath } from './glob';

describe(compileGlob.name, () => {
  const sut = (pattern: string, path: string) => compileGlob(pattern).test(path);

  it.each([
    ['src/app.ts', 'src/app.ts', true],
    ['src/app.ts', 'src/app.tsx', false],
    ['src/*.ts', 'src/app.ts', true],
    ['src/*.ts', 'src/lib/app.ts', false],
    ['src/*', 'src/.env', true],
    ['*.ts', 'src/app.ts', false],
    ['src/**', 'src/app.ts', true],
    ['src/**', 'src/a/b/c/app.ts', true],
    ['src/**', 'srcx/app.ts', false],
    ['src/**', 'lib/src/app.ts', false],
    ['**/*.tf', 'main.tf', true],
    ['**/*.tf', 'infra/prod/main.tf', true],
    ['**/*.tf', 'infra/prod/main.tfvars', false],
    ['src/**/auth/*.ts', 'src/auth/login.ts', true],
    ['src/**/auth/*.ts', 'src/api/v1/auth/login.ts', true],
    ['src/**/auth/*.ts', 'src/api/v1/authz/login.ts', false],
    ['**', 'anything/at/all.txt', true],
    ['src/a**b.ts', 'src/axxb.ts', true],
    ['src/a**b.ts', 'src/a/b.ts', false],
    ['src/?.ts', 'src/a.ts', true],
    ['src/?.ts', 'src/ab.ts', false],
    ['src?a.ts', 'src/a.ts', false],
    ['src/{api,web}/**', 'src/api/x.ts', true],
    ['src/{api,web}/**', 'src/web/x.ts', true],
    ['src/{api,web}/**', 'src/cli/x.ts', false],
    ['src/{api/**,web/*.ts}', 'src/api/deep/x.go', true],
    ['src/{api/**,web/*.ts}', 'src/web/deep/x.ts', false],
    ['{src,lib}/{a,b{1,2}}.ts', 'lib/b2.ts', true],
    ['{src,lib}/{a,b{1,2}}.ts', 'lib/b3.ts', false],
    ['src/[abc].ts', 'src/b.ts', true],
    ['src/[abc].ts', 'src/d.ts', false],
    ['src/[a-c]x.ts', 'src/cx.ts', true],
    ['src/[!a-c]x.ts', 'src/cx.ts', false],
    ['src/[!a-c]x.ts', 'src/dx.ts', true],
    ['src/[^a-c]x.ts', 'src/dx.ts', true],
    ['a[!x]b', 'a/b', false],
    ['src/[]]x', 'src/]x', true],
    ['src/[-a]x', 'src/-x', true],
    ['src/\\*.ts', 'src/*.ts', true],
    ['src/\\*.ts', 'src/a.ts', false],
    ['src/app(1).ts', 'src/app(1).ts', true],
    ['src/a+b$.ts', 'src/a+b$.ts', true],
    ['src/a.ts', 'src/aXts', false],
    ['./src/*.ts', 'src/app.ts', true],
    ['/src/*.ts', 'src/app.ts', true],
  ])('%s against %s: %s', (pattern, path, expected) => {
    expect(sut(pattern, path)).toBe(expected);
  });

  it('is case-sensitive unless asked otherwise, as file systems of CI runners are', () => {
    expect(compileGlob('src/App.ts').test('src/app.ts')).toBe(false);
    expect(compileGlob('acme/*', { ignoreCase: true }).test('ACME/Pay')).toBe(true);
  });

  it.each([
    ['src/{api,web', 'opens a "{" it does not close'],
    ['src/[abc', 'opens a "[" it does not close'],
    ['src/x\\', 'ends with a lone "\\"'],
    ['src/[z-a].ts', 'invalid "[...]" range'],
  ])('rejects %s', (pattern, message) => {
    expect(() => compileGlob(pattern)).toThrow(GlobSyntaxError);
    expect(globProblem(pattern)).toContain(message);
  });

  it('never lets a set match "/", even when its range spans it', () => {
    expect(sut('a[!-0]b', 'a/b')).toBe(false);
    expect(sut('a[!-0]b', 'a.b')).toBe(true);
    expect(sut('a[/]b', 'a/b')).toBe(false);
    expect(sut('a[!/]b', 'a/b')).toBe(false);
    expect(sut('a[!/]b', 'axb')).toBe(true);
  });

  describe('on hostile patterns (the engine takes time linear in the path)', () => {
    it('answers 40 repeated "**/" at once, and reads them as one', () => {
      const pattern = `${'**/'.repeat(40)}x`;
      expect(globProblem(pattern)).toBeNull();
      expect(sut(pattern, `${'a/'.repeat(200)}y`)).toBe(false);
      expect(sut(pattern, `${'a/'.repeat(200)}x`)).toBe(true);
      expect(sut(pattern, 'x')).toBe(true);
    });

    it('answers stars that would make a backtracking engine try every split', () => {
      expect(sut(`${'*a'.repeat(15)}*b`, 'a'.repeat(1000))).toBe(false);
      expect(sut(`${'**/a/'.repeat(15)}b`, `${'a/'.repeat(500)}c`)).toBe(false);
      expect(sut(`${'{a,a*}'.repeat(15)}b`, 'a'.repeat(1000))).toBe(false);
    });
  });

  describe('limits', () => {
    it.each([
      [`src/${'x'.repeat(300)}`, 'characters long; a pattern may have at most 256'],
      [`${'*x'.repeat(33)}`, 'has 33 wildcards; a pattern may have at most 32'],
    ])('refuses %s', (pattern, message) => {
      expect(() => compileGlob(pattern)).toThrow(GlobSyntaxError);
      expect(globProblem(pattern)).toContain(message);
    });

    it('takes the limits it is given', () => {
      expect(globProblem('src/**/*.ts', { maxLength: 5, maxWildcards: 32 })).toContain('a pattern may have at most 5');
      expect(globProblem('*a*b', { maxLength: 256, maxWildcards: 1 })).toContain('has 2 wildcards');
      expect(globProblem('src/**/*.ts', DEFAULT_GLOB_LIMITS)).toBeNull();
    });
  });

  it('matches characters outside the basic plane, and takes a lone surrogate without failing', () => {
    expect(sut('docs/\u{1F600}*.md', 'docs/\u{1F600}-smile.md')).toBe(true);
    expect(sut('docs/?.md', 'docs/\u{1F600}.md')).toBe(true);
    expect(() => globProblem('docs/\uD800*.md')).not.toThrow();
  });

  it('reads a "}" or "," outside braces as an ordinary character', () => {
    expect(sut('a,b}.ts', 'a,b}.ts')).toBe(true);
    expect(globProblem('a,b}.ts')).toBeNull();
  });
});

describe(`${compileGlob.name} on any pattern`, () => {
  it('compiles or says why not, and matches any path, never failing otherwise', () => {
    const char = fc.constantFrom(...'*?[]{},\\!^-/a.b'.split(''));
    fc.assert(
      fc.property(fc.array(char, { maxLength: 40 }).map((chars) => chars.join('')), fc.string({ maxLength: 40 }), (pattern, path) => {
        let matcher;
        try {
          matcher = compileGlob(pattern);
        } catch (error) {
          expect(error).toBeInstanceOf(GlobSyntaxError);
          return;
        }
        expect(typeof matcher.test(path)).toBe('boolean');
      }),
      { numRuns: 2000 },
    );
  });
});

describe(normalisePath.name, () => {
  const sut = normalisePath;

  it.each([
    ['src/app.ts', 'src/app.ts'],
    ['./src/app.ts', 'src/app.ts'],
    ['././src/app.ts', 'src/app.ts'],
    ['/src/app.ts', 'src/app.ts'],
    ['src\\lib\\app.ts', 'src/lib/app.ts'],
    ['.\\src\\app.ts', 'src/app.ts'],
    ['src//lib///app.ts', 'src/lib/app.ts'],
    ['../src/app.ts', '../src/app.ts'],
  ])('%s → %s', (path, expected) => {
    expect(sut(path)).toBe(expected);
  });
});
