import { detailsSummary, parseActionFilter } from './audit-filter';

describe(parseActionFilter.name, () => {
  it('accepts actions and prefixes', () => {
    expect(parseActionFilter('auth.*')).toBe('auth.*');
    expect(parseActionFilter('token.created')).toBe('token.created');
  });

  it('ignores what the API would refuse', () => {
    expect(parseActionFilter('')).toBeNull();
    expect(parseActionFilter(null)).toBeNull();
    expect(parseActionFilter('auth*.x')).toBeNull();
    expect(parseActionFilter('DROP TABLE')).toBeNull();
  });
});

describe(detailsSummary.name, () => {
  it('lists the details that have a value', () => {
    expect(detailsSummary({ name: 'ci', scopes: ['read'], teamId: null })).toBe('name: ci, scopes: ["read"]');
  });

  it('cuts a long line', () => {
    const sut = detailsSummary({ reason: 'x'.repeat(300) }, 20);
    expect(sut).toHaveLength(20);
    expect(sut.endsWith('…')).toBe(true);
  });
});
