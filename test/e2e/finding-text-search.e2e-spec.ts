import { listedIds } from '../support/finding-pages';
import { aFinding } from '../support/findings-fixture';
import { resetDatabase, startTestApp, type TestApp } from '../support/test-app';

/**
 * Text search (`q`) reads only the services and months whose trigrams can hold the term. Paged through newest
 * first and oldest first, for common, rare and absent terms, terms with `%`, `_` and `\`, other cases and
 * scripts, after later uploads, retitles and a first detection moving to another month, it must list exactly
 * the findings whose title, rule id, path or fingerprint holds the term (`strpos` of the lower-cased texts,
 * not `ILIKE`), in the same order.
 */
describe('findings page text search', () => {
  let sut: TestApp;
  const services = ['search-api', 'search-web', 'search-jobs'];
  const titles = [
    'Token leaked in build log',
    'SQL built from request parameters',
    'Refund token replayed',
    'Discount of 50% applied twice',
    'Path a_b\\c traversal',
    'Straße ÄRGER überall',
    'Weak hash for session TOKENS',
    'Open redirect after login',
    'Cafe facade decoded',
  ];
  const finding = (i: number, overrides: Record<string, unknown> = {}) =>
    aFinding({
      service: services[i % services.length],
      title: `${titles[(i * 5) % titles.length]} #${i}`,
      ruleId: i % 4 === 0 ? undefined : `rule-${i % 9}`,
      location: { repo: 'github.com/acme/search', path: `src/module-${i % 6}/File_${i % 11}.ts`, line: i + 1 },
      fingerprint: `${(i * 2654435761).toString(16).padStart(10, '0')}${i}`,
      // Three months; runs of findings at the same instant, and the UTC month's last and first seconds.
      detectedAt: [`2026-01-${String(1 + (i % 28)).padStart(2, '0')}T08:00:00Z`, '2026-01-31T23:59:59Z', '2026-02-01T00:00:00Z', `2026-03-0${1 + (i % 5)}T12:00:00Z`][i % 4],
      introducedAt: '2025-10-01T00:00:00Z',
      ...overrides,
    });

  beforeAll(async () => {
    sut = await startTestApp();
    await resetDatabase(sut);
    for (const name of services) await sut.http().post('/api/v1/services').send({ name }).expect(201);
    await sut.http().post('/api/v1/findings').send(Array.from({ length: 180 }, (_, i) => finding(i))).expect(200);
  });
  afterAll(() => sut.close());

  const derived = async (term: string, order: 'asc' | 'desc') =>
    (
      await sut.sql<{ id: string }>(
        `SELECT f.id FROM findings f
          WHERE strpos(lower(f.title), lower($1)) > 0 OR strpos(lower(f.rule_id), lower($1)) > 0
             OR strpos(lower(f.path), lower($1)) > 0 OR strpos(lower(f.fingerprint), lower($1)) > 0
          ORDER BY f.first_detected_at ${order}, f.id ${order}`,
        [term],
      )
    ).map((row) => row.id);

  const TERMS = ['token', 'TOKEN', 'ken', 'to', 'refund token', 'sql built', 'module-3', 'file_1', 'rule-7', '50%', '%', '_', 'a_b', '\\', 'a_b\\c', 'straße', 'ärger', 'ÜBER', 'zzqx', 'tokenz', '#17', 'redirect after', 'facade', 'cafe', 'dec', 'bad'];

  const expectSearchLikeSql = async (terms: string[]) => {
    for (const term of terms) {
      for (const order of ['desc', 'asc'] as const) {
        const expected = await derived(term, order);
        for (const limit of [7, 50]) {
          const ids = await listedIds(sut.http(), `q=${encodeURIComponent(term)}&order=${order}`, limit);
          expect({ term, order, limit, ids }).toEqual({ term, order, limit, ids: expected });
        }
      }
    }
  };

  it('pages through common, rare, absent and special terms like SQL over the findings', async () => {
    const [{ fingerprint }] = await sut.sql<{ fingerprint: string }>(`SELECT fingerprint FROM findings ORDER BY first_detected_at LIMIT 1`);
    expect((await derived('token', 'desc')).length).toBeGreaterThan(40);
    expect(await derived('zzqx', 'desc')).toEqual([]);
    // Three letters a to f in a row of a fingerprint: a trigram that hexadecimal texts hold as the mark *hex.
    const [{ run }] = await sut.sql<{ run: string }>(`SELECT substring(fingerprint from '[0-9]*[a-f]{3,}[0-9]*') AS run FROM findings WHERE fingerprint ~ '[a-f]{3}' ORDER BY fingerprint LIMIT 1`);
    await expectSearchLikeSql([...TERMS, fingerprint.slice(0, 8), fingerprint.slice(3, 12), run, run.toUpperCase()]);
  });

  it('finds what later uploads, retitles and moved first detections hold', async () => {
    await expectSearchLikeSql(['token']);
    // A new service's findings, retitled findings and a first detection moved to an earlier month.
    await sut.http().post('/api/v1/services').send({ name: 'search-late' }).expect(201);
    await sut
      .http()
      .post('/api/v1/findings')
      .send([
        ...Array.from({ length: 30 }, (_, i) => finding(500 + i, { service: 'search-late', title: `Late quokka ${i % 7 ? '' : 'facade'} ${i}`, fingerprint: `late-${i}`, detectedAt: '2026-04-02T00:00:00Z' })),
        finding(3, { title: 'Renamed to quokka marmalade' }),
        finding(8, { title: 'Now about a wombat', detectedAt: '2025-11-20T00:00:00Z' }),
      ])
      .expect(200);
    const [moved] = await sut.sql<{ at: string }>(`SELECT to_char(first_detected_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS at FROM findings WHERE title = 'Now about a wombat'`);
    expect(moved).toEqual({ at: '2025-11-20' });
    await expectSearchLikeSql(['quokka', 'marmalade', 'wombat', 'token', 'late qu', 'zzqx', 'facade', 'late-1', 'ade 2']);
    // The searches read the trigram sets, every finding noted as changed added to them (not the fallback walk).
    expect(await sut.sql(`SELECT count(*)::int AS noted FROM finding_search_pending`)).toEqual([{ noted: 0 }]);
    expect(await sut.sql(`SELECT DISTINCT to_char(month, 'YYYY-MM') AS month FROM finding_search_grams WHERE trgm = 'wom'`)).toEqual([{ month: '2025-11' }]);
  });

  it("adds an upload's trigrams soon after it commits, before any search asks", async () => {
    await sut
      .http()
      .post('/api/v1/findings')
      .send(Array.from({ length: 12 }, (_, i) => finding(700 + i, { title: `Xylophone overflow ${i}`, fingerprint: `xylo-${i}` })))
      .expect(200);
    // No search from here on: only the catch-up after the upload can add them. Polled, with a bound far
    // above the one second of quiet it waits for, so a slow machine only makes the case take longer.
    const deadline = Date.now() + 60_000;
    let noted = -1;
    while (Date.now() < deadline) {
      [{ noted }] = await sut.sql<{ noted: number }>(`SELECT count(*)::int AS noted FROM finding_search_pending`);
      if (noted === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(noted).toBe(0);
    const held = await sut.sql(`SELECT count(*)::int AS groups FROM finding_search_grams WHERE trgm = 'xyl'`);
    const expected = await sut.sql(
      `SELECT count(DISTINCT (service_id, date_trunc('month', first_detected_at AT TIME ZONE 'UTC')))::int AS groups FROM findings WHERE title LIKE 'Xylophone%'`,
    );
    // The upload spans several services and months: a count of zero on both sides would prove nothing.
    expect((expected[0] as { groups: number }).groups).toBeGreaterThan(1);
    expect(held).toEqual(expected);
    await expectSearchLikeSql(['xylophone']);
  });

  it('keys every text as the key was defined before its shortcut for hexadecimal texts, and keys a key to itself', async () => {
    const texts = ['', '0', 'deadBEEF01', 'ABCDEF', 'cafe', 'café', 'feed-face', 'Ｆ0', 'g00d', 'SQL 1', '12 ab', 'Path a_b\\c', 'ǅ', 'ﬀ'];
    const rows = await sut.sql<{ text: string; key: string; before: string; again: string }>(
      `SELECT t AS text, finding_search_key(t) AS key, finding_search_key(finding_search_key(t)) AS again,
              CASE WHEN translate(lower(t), '0123456789abcdef', '') = '' THEN '' ELSE translate(t, '0123456789', '') END AS before
         FROM unnest($1::text[]) AS t`,
      [texts],
    );
    expect(rows.filter((r) => r.key === '').map((r) => r.text)).toEqual(['', '0', 'deadBEEF01', 'ABCDEF', 'cafe']);
    expect(rows.filter((r) => r.key !== r.before)).toEqual([]);
    // The trigram pass keys the fingerprints' keys again with the texts (one pass over the findings).
    expect(rows.filter((r) => r.again !== r.key)).toEqual([]);
  });
});
