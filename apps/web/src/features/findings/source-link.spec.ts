import { locationLabel, normaliseRepo, sourceHref } from './source-link';

describe(normaliseRepo.name, () => {
  it('reads URLs, SSH remotes and .git suffixes as host/owner/name', () => {
    expect(normaliseRepo('https://github.com/acme/pay.git')).toBe('github.com/acme/pay');
    expect(normaliseRepo('git@github.com:acme/pay.git')).toBe('github.com/acme/pay');
    expect(normaliseRepo('ssh://git@gitlab.com/acme/group/pay')).toBe('gitlab.com/acme/group/pay');
    expect(normaliseRepo('github.com/acme/pay/')).toBe('github.com/acme/pay');
  });
});

describe(sourceHref.name, () => {
  it('links to the line on GitHub at the default branch', () => {
    expect(sourceHref({ repo: 'github.com/acme/identity-api', path: 'src/auth/jwt.strategy.ts', line: 68 })).toBe(
      'https://github.com/acme/identity-api/blob/HEAD/src/auth/jwt.strategy.ts#L68',
    );
  });

  it("uses GitLab's file URLs, and self-hosted instances named like the forges", () => {
    expect(sourceHref({ repo: 'https://gitlab.acme.io/pay/api.git', path: './app/x.rb', line: 3 })).toBe(
      'https://gitlab.acme.io/pay/api/-/blob/HEAD/app/x.rb#L3',
    );
    expect(sourceHref({ repo: 'github.acme.com/pay/api', path: 'a.go', line: null })).toBe('https://github.acme.com/pay/api/blob/HEAD/a.go');
  });

  it('escapes path segments and links to the repository when there is no path', () => {
    expect(sourceHref({ repo: 'github.com/acme/web', path: 'src\\pages\\[id] page.tsx', line: 0 })).toBe(
      'https://github.com/acme/web/blob/HEAD/src/pages/%5Bid%5D%20page.tsx',
    );
    expect(sourceHref({ repo: 'github.com/acme/web', path: null, line: null })).toBe('https://github.com/acme/web');
  });

  it('gives no link for other hosts or repositories without an owner', () => {
    expect(sourceHref({ repo: 'bitbucket.org/acme/pay', path: 'a.ts', line: 1 })).toBeNull();
    expect(sourceHref({ repo: 'payments', path: 'a.ts', line: 1 })).toBeNull();
    expect(sourceHref({ repo: null, path: 'a.ts', line: 1 })).toBeNull();
  });
});

describe(locationLabel.name, () => {
  it('writes path and line', () => {
    expect(locationLabel({ repo: 'r', path: './src/a.ts', line: 42 })).toBe('src/a.ts:42');
    expect(locationLabel({ repo: 'github.com/acme/x', path: null, line: null })).toBe('github.com/acme/x');
    expect(locationLabel({ repo: null, path: null, line: null })).toBe('–');
  });
});
