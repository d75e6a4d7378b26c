import {
  DEFAULT_FINDINGS_QUERY,
  findingsApiParams,
  findingsHref,
  narrowsFindings,
  parseCweId,
  parseFindingsQuery,
  readCursor,
  withCursor,
  writeFindingsQuery,
  type FindingsQuery,
} from './findings-query';

const everything: FindingsQuery = {
  team: 't1',
  service: 's1',
  stage: 'production',
  severity: 'high',
  findingClass: 'design',
  category: 'authorization',
  status: 'open',
  escaped: true,
  boundary: 'pre_release',
  gap: 'context_gap',
  cwe: 639,
  q: 'refund',
  from: '2025-01-01',
  to: '2025-03-31',
  sort: 'severity',
  order: 'asc',
};

describe(parseFindingsQuery.name, () => {
  it('gives the default view for an empty URL', () => {
    expect(parseFindingsQuery(new URLSearchParams())).toEqual(DEFAULT_FINDINGS_QUERY);
  });

  it('round-trips every filter and the sort through the URL', () => {
    const url = writeFindingsQuery(new URLSearchParams(), everything);
    expect(url.get('class')).toBe('design');
    expect(parseFindingsQuery(url)).toEqual(everything);
  });

  it('ignores values a hand-edited link may carry', () => {
    const sut = parseFindingsQuery(
      new URLSearchParams('stage=qa&severity=urgent&class=x&escaped=yes&gap=none&cwe=abc&from=2025-02-30&sort=rank&order=up&q=%20'),
    );
    expect(sut).toEqual(DEFAULT_FINDINGS_QUERY);
  });

  it('gives a chosen column its natural order when the URL names none', () => {
    expect(parseFindingsQuery(new URLSearchParams('sort=title')).order).toBe('asc');
    expect(parseFindingsQuery(new URLSearchParams('sort=severity')).order).toBe('desc');
  });

  it('turns a reversed period round', () => {
    const sut = parseFindingsQuery(new URLSearchParams('from=2025-06-30&to=2025-01-01'));
    expect([sut.from, sut.to]).toEqual(['2025-01-01', '2025-06-30']);
  });
});

describe(parseCweId.name, () => {
  it('reads the spellings people type', () => {
    expect(parseCweId('79')).toBe(79);
    expect(parseCweId('CWE-639')).toBe(639);
    expect(parseCweId('cwe 89')).toBe(89);
    expect(parseCweId('0')).toBeNull();
    expect(parseCweId('CWE-')).toBeNull();
    expect(parseCweId(null)).toBeNull();
  });
});

describe(writeFindingsQuery.name, () => {
  it('leaves defaults out, keeps foreign parameters and drops the page cursor', () => {
    const sut = writeFindingsQuery(new URLSearchParams('tab=x&cursor=abc&severity=low'), { ...DEFAULT_FINDINGS_QUERY, escaped: false });
    expect(sut.toString()).toBe('tab=x&escaped=false');
  });
});

describe(findingsHref.name, () => {
  it('links to the table with only the given restrictions', () => {
    expect(findingsHref({})).toBe('/findings');
    expect(findingsHref({ gap: 'model_gap', escaped: true, service: 's1' })).toBe('/findings?service=s1&escaped=true&gap=model_gap');
  });
});

describe(narrowsFindings.name, () => {
  it('counts filters, not the sort or the boundary alone', () => {
    expect(narrowsFindings(DEFAULT_FINDINGS_QUERY)).toBe(false);
    expect(narrowsFindings({ ...DEFAULT_FINDINGS_QUERY, sort: 'title', order: 'asc', boundary: 'production' })).toBe(false);
    expect(narrowsFindings({ ...DEFAULT_FINDINGS_QUERY, escaped: false })).toBe(true);
    expect(narrowsFindings({ ...DEFAULT_FINDINGS_QUERY, q: 'sql' })).toBe(true);
  });
});

describe(findingsApiParams.name, () => {
  it('sends the last picked day as an exclusive end and the boundary only with an escape filter', () => {
    const sut = findingsApiParams(everything, 'c1', 50);
    expect(sut).toMatchObject({
      class: 'design',
      escaped: 'true',
      boundary: 'pre_release',
      from: '2025-01-01',
      to: '2025-04-01',
      cwe: 639,
      cursor: 'c1',
      limit: 50,
    });
    expect(findingsApiParams({ ...everything, escaped: null }, null, 50)).toMatchObject({ escaped: null, boundary: null, cursor: null });
  });
});

describe(readCursor.name, () => {
  it('reads and writes the page cursor beside the filters', () => {
    const url = withCursor(new URLSearchParams('severity=high'), 'abc');
    expect(readCursor(url)).toBe('abc');
    expect(withCursor(url, null).toString()).toBe('severity=high');
  });
});
