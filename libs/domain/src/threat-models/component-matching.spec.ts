import { componentMatcher, matchComponents, type FindingPlace } from './component-matching';
import type { ComponentMatchRules, ModelComponent } from './threat-model';

function component(key: string, rules: Partial<ComponentMatchRules>, parentKey: string | null = null): ModelComponent {
  return {
    key,
    name: key,
    description: null,
    type: null,
    trustZoneKey: null,
    parentKey,
    layer: null,
    matchRules: { repos: [], paths: [], services: [], ...rules },
  };
}

function place(overrides: Partial<FindingPlace>): FindingPlace {
  return { service: null, repo: null, path: null, ...overrides };
}

describe(matchComponents.name, () => {
  const sut = matchComponents;

  describe('services', () => {
    const components = [component('api', { services: ['payments-api'] })];

    it('match ignoring case and surrounding spaces', () => {
      expect(sut(place({ service: 'Payments-API ' }), components)).toEqual(['api']);
    });

    it('do not match another service, or a finding without one', () => {
      expect(sut(place({ service: 'payments-web' }), components)).toEqual([]);
      expect(sut(place({}), components)).toEqual([]);
    });

    it('match when any of several names fits', () => {
      expect(sut(place({ service: 'pay' }), [component('api', { services: ['payments-api', 'pay'] })])).toEqual(['api']);
    });
  });

  describe('repositories', () => {
    it.each([
      ['acme/payments', 'github.com/acme/payments'],
      ['acme/payments', 'https://github.com/acme/payments.git'],
      ['acme/payments', 'git@github.com:acme/payments.git'],
      ['acme/payments', 'https://GitHub.com/Acme/Payments/'],
      ['payments', 'github.com/acme/payments'],
      ['github.com/acme/payments', 'https://github.com/acme/payments'],
      ['https://github.com/acme/payments', 'github.com/acme/payments'],
      ['acme/*', 'github.com/acme/payments'],
      ['github.com/acme/pay*', 'https://github.com/acme/payments-api'],
      ['{acme,acme-labs}/payments', 'gitlab.com/acme-labs/payments'],
    ])('rule %s matches %s', (rule, repo) => {
      expect(sut(place({ repo }), [component('c', { repos: [rule] })])).toEqual(['c']);
    });

    it.each([
      ['acme/payments', 'github.com/acme/payments-api'],
      ['acme/payments', 'github.com/other/payments'],
      ['acme/*', 'github.com/acme-labs/payments'],
      ['gitlab.com/acme/payments', 'github.com/acme/payments'],
    ])('rule %s does not match %s', (rule, repo) => {
      expect(sut(place({ repo }), [component('c', { repos: [rule] })])).toEqual([]);
    });

    it('do not match a finding without a repository', () => {
      expect(sut(place({ path: 'src/a.ts' }), [component('c', { repos: ['acme/payments'] })])).toEqual([]);
    });
  });

  describe('paths', () => {
    const components = [component('web', { paths: ['apps/web/**', 'libs/ui/**/*.tsx'] })];

    it('match any of the globs', () => {
      expect(sut(place({ path: 'apps/web/src/main.ts' }), components)).toEqual(['web']);
      expect(sut(place({ path: 'libs/ui/src/button.tsx' }), components)).toEqual(['web']);
      expect(sut(place({ path: 'libs/ui/src/button.ts' }), components)).toEqual([]);
    });

    it('read finding paths as repository-relative with forward slashes', () => {
      expect(sut(place({ path: './apps/web/main.ts' }), components)).toEqual(['web']);
      expect(sut(place({ path: 'apps\\web\\main.ts' }), components)).toEqual(['web']);
      expect(sut(place({ path: '/apps/web/main.ts' }), components)).toEqual(['web']);
    });

    it('do not match a finding without a path', () => {
      expect(sut(place({ service: 'web' }), components)).toEqual([]);
    });

    it('skip a broken glob instead of failing the whole match', () => {
      expect(sut(place({ path: 'src/a.ts' }), [component('c', { paths: ['src/{a', 'src/*.ts'] })])).toEqual(['c']);
      expect(sut(place({ path: 'src/a.ts' }), [component('c', { paths: ['src/{a'] })])).toEqual([]);
    });
  });

  describe('several kinds of rule', () => {
    const components = [component('auth', { services: ['payments-api'], repos: ['acme/payments'], paths: ['src/auth/**'] })];

    it('all have to match', () => {
      const finding = { service: 'payments-api', repo: 'github.com/acme/payments', path: 'src/auth/login.ts' };
      expect(sut(finding, components)).toEqual(['auth']);
      expect(sut({ ...finding, service: 'other' }, components)).toEqual([]);
      expect(sut({ ...finding, repo: 'github.com/acme/other' }, components)).toEqual([]);
      expect(sut({ ...finding, path: 'src/orders/list.ts' }, components)).toEqual([]);
      expect(sut({ ...finding, path: null }, components)).toEqual([]);
    });

    it('an empty list sets no condition', () => {
      const serviceOnly = [component('api', { services: ['payments-api'], paths: [] })];
      expect(sut(place({ service: 'payments-api', path: 'anything/at/all.go' }), serviceOnly)).toEqual(['api']);
    });

    it('blank entries are no rule at all', () => {
      expect(sut(place({ service: 'payments-api' }), [component('api', { services: ['payments-api'], paths: ['', '  '] })])).toEqual(['api']);
    });
  });

  it('never matches a component without rules, even a finding with nothing to go on', () => {
    expect(sut(place({}), [component('bare', {})])).toEqual([]);
    expect(sut(place({ service: 'x', repo: 'y', path: 'z' }), [component('bare', { services: [' '] })])).toEqual([]);
  });

  describe('nested components', () => {
    const components = [
      component('api', { services: ['payments-api'] }),
      component('auth', { paths: ['src/auth/**'] }, 'api'),
      component('tokens', { paths: ['src/auth/tokens/**'] }, 'auth'),
      component('orders', { paths: ['src/orders/**'] }, 'api'),
      component('docs', {}, 'api'),
    ];

    it('return the deepest component that matches, not its ancestors', () => {
      expect(sut(place({ service: 'payments-api', path: 'src/auth/tokens/jwt.ts' }), components)).toEqual(['tokens']);
      expect(sut(place({ service: 'payments-api', path: 'src/auth/login.ts' }), components)).toEqual(['auth']);
    });

    it('fall back to the parent when no child matches', () => {
      expect(sut(place({ service: 'payments-api', path: 'src/billing/invoice.ts' }), components)).toEqual(['api']);
    });

    it('return a child that matches even when its parent does not', () => {
      expect(sut(place({ service: 'another-service', path: 'src/orders/list.ts' }), components)).toEqual(['orders']);
    });

    it('keep unrelated matches side by side, in model order', () => {
      const overlapping = [component('b', { paths: ['src/**'] }), component('a', { paths: ['**/*.ts'] })];
      expect(sut(place({ path: 'src/x.ts' }), overlapping)).toEqual(['b', 'a']);
    });

    it('do not loop on a parent cycle, which the parsers reject anyway', () => {
      const cyclic = [component('x', { paths: ['**'] }, 'y'), component('y', { paths: ['**'] }, 'x')];
      expect(sut(place({ path: 'a.ts' }), cyclic)).toEqual([]);
    });
  });
});

describe(componentMatcher.name, () => {
  const components = [component('everything', { paths: ['**'] }), component('identity', { services: ['identity-api'] })];

  it('places findings of the model\'s own services only, whatever the rules claim', () => {
    const sut = componentMatcher(components, ['Checkout-Web']);
    expect(sut(place({ service: 'checkout-web', path: 'src/a.ts' }))).toEqual(['everything']);
    expect(sut(place({ service: 'identity-api', path: 'src/a.ts' }))).toEqual([]);
    expect(sut(place({ service: null, path: 'src/a.ts' }))).toEqual([]);
  });

  it('applies the rules alone without a scope, as matchComponents does', () => {
    const sut = componentMatcher(components);
    expect(sut(place({ service: 'identity-api', path: 'src/a.ts' }))).toEqual(['everything', 'identity']);
  });

  it('lets a glob over the limits it is given match nothing', () => {
    const sut = componentMatcher([component('long', { paths: ['src/**/*.ts'] })], null, { maxLength: 5, maxWildcards: 32 });
    expect(sut(place({ path: 'src/a.ts' }))).toEqual([]);
  });
});
