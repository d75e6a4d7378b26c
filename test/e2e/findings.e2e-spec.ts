import { listedIds } from '../support/finding-pages';
import { aFinding } from '../support/findings-fixture';
import { resetDatabase, snapshotData, startTestApp, type TestApp } from '../support/test-app';

describe('POST /api/v1/findings and GET /api/v1/findings', () => {
  let sut: TestApp;
  beforeAll(async () => {
    sut = await startTestApp();
  });
  beforeEach(() => resetDatabase(sut));
  afterAll(() => sut.close());

  const post = (body: unknown) => sut.http().post('/api/v1/findings').send(body as object);

  it('stores new findings, creating the named service without a team', async () => {
    const response = await post([aFinding(), aFinding({ fingerprint: 'fp-authz-1', cweIds: [639], title: 'Order readable by any customer', sourceKind: 'pentest', tool: 'pentest' })]).expect(200);
    expect(response.body).toMatchObject({ received: 2, created: 2, updated: 0, unchanged: 0 });
    const services = await sut.sql<{ name: string; team_id: string | null }>('SELECT name, team_id FROM services');
    expect(services).toEqual([{ name: 'payments-api', team_id: null }]);
    const rows = await sut.sql<{ fingerprint: string; first_detected_stage: string; finding_class: string }>(
      'SELECT fingerprint, first_detected_stage, finding_class FROM findings ORDER BY fingerprint',
    );
    expect(rows).toEqual([
      { fingerprint: 'fp-authz-1', first_detected_stage: 'pre_release', finding_class: 'design' },
      { fingerprint: 'fp-sql-1', first_detected_stage: 'ci', finding_class: 'pattern' },
    ]);
  });

  it('changes nothing when the same findings are sent twice', async () => {
    const body = [aFinding(), aFinding({ fingerprint: 'fp-2', path: undefined })];
    await post(body).expect(200);
    const before = await sut.sql('SELECT * FROM findings f JOIN detections d ON d.finding_id = f.id ORDER BY f.id, d.stage');
    const again = await post(body).expect(200);
    expect(again.body).toMatchObject({ received: 2, created: 0, updated: 0, unchanged: 2 });
    expect(await sut.sql('SELECT * FROM findings f JOIN detections d ON d.finding_id = f.id ORDER BY f.id, d.stage')).toEqual(before);
  });

  it('records a later sighting at another stage as a detection of the same finding', async () => {
    await post([aFinding({ sourceKind: 'bug_bounty', tool: 'bug bounty', detectedAt: '2026-05-01T00:00:00Z' })]).expect(200);
    expect((await sut.sql('SELECT first_detected_stage FROM findings'))[0]).toEqual({ first_detected_stage: 'production' });
    const earlier = await post([aFinding({ sourceKind: 'code_review', tool: 'review', detectedAt: '2026-03-05T00:00:00Z' })]).expect(200);
    expect(earlier.body).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
    expect(await sut.sql('SELECT count(*)::int AS n FROM findings')).toEqual([{ n: 1 }]);
    expect(await sut.sql('SELECT stage FROM detections ORDER BY stage')).toEqual([{ stage: 'code_review' }, { stage: 'production' }]);
    const [finding] = await sut.sql<{ first_detected_stage: string; first_detected_at: Date }>('SELECT first_detected_stage, first_detected_at FROM findings');
    expect(finding.first_detected_stage).toBe('code_review');
    expect(finding.first_detected_at.toISOString()).toBe('2026-03-05T00:00:00.000Z');
  });

  it('keeps an escape when the same flaw is seen later at an earlier stage (first detection in time decides)', async () => {
    const production = aFinding({ stage: 'production', sourceKind: 'incident', tool: 'incident', cweIds: [862], introducedAt: '2026-06-01T00:00:00Z', detectedAt: '2026-06-10T00:00:00Z' });
    const review = aFinding({ stage: 'code_review', sourceKind: 'code_review', tool: 'review', cweIds: [862], introducedAt: '2026-06-01T00:00:00Z', detectedAt: '2026-06-20T00:00:00Z' });
    const rollupDrift = `
      SELECT count(*)::int AS n FROM (
        (SELECT service_id, (coalesce(introduced_at, first_detected_at) AT TIME ZONE 'UTC')::date, finding_class, first_detected_stage,
                status NOT IN ('suppressed', 'false_positive'), count(*) FROM findings GROUP BY 1, 2, 3, 4, 5
         EXCEPT SELECT service_id, cohort_day, finding_class, first_detected_stage, counted, n FROM finding_rollups)
        UNION ALL
        (SELECT service_id, cohort_day, finding_class, first_detected_stage, counted, n FROM finding_rollups
         EXCEPT SELECT service_id, (coalesce(introduced_at, first_detected_at) AT TIME ZONE 'UTC')::date, finding_class, first_detected_stage,
                status NOT IN ('suppressed', 'false_positive'), count(*) FROM findings GROUP BY 1, 2, 3, 4, 5)
      ) d`;
    const escapedByApi = async () => {
      const list = (await sut.http().get('/api/v1/findings?escaped=true&boundary=ci').expect(200)).body;
      const rate = (await sut.http().get('/api/v1/metrics/escape-rate?groupBy=class&bucket=month&boundary=ci&from=2026-06-01&to=2026-07-01').expect(200)).body;
      const points = rate.series.flatMap((s: { points: { escaped: number; total: number }[] }) => s.points);
      return { listed: list.items.map((f: { firstDetectedStage: string }) => f.firstDetectedStage), escaped: points.reduce((n: number, p: { escaped: number }) => n + p.escaped, 0) };
    };

    // Two uploads, in the order the sightings happened.
    await post([production]).expect(200);
    await post([review]).expect(200);
    expect(await sut.sql('SELECT first_detected_stage, first_detected_at FROM findings')).toEqual([{ first_detected_stage: 'production', first_detected_at: new Date('2026-06-10T00:00:00Z') }]);
    expect(await escapedByApi()).toEqual({ listed: ['production'], escaped: 1 });
    expect(await sut.sql(rollupDrift)).toEqual([{ n: 0 }]);

    // One upload holding both sightings, the later one first.
    await resetDatabase(sut);
    await post([review, production]).expect(200);
    expect(await sut.sql('SELECT first_detected_stage FROM findings')).toEqual([{ first_detected_stage: 'production' }]);
    expect(await escapedByApi()).toEqual({ listed: ['production'], escaped: 1 });

    // Reported late: the review sighting arrives first, the earlier production sighting after it.
    await resetDatabase(sut);
    await post([review]).expect(200);
    expect(await escapedByApi()).toEqual({ listed: [], escaped: 0 });
    await post([production]).expect(200);
    expect(await sut.sql('SELECT first_detected_stage FROM findings')).toEqual([{ first_detected_stage: 'production' }]);
    expect(await escapedByApi()).toEqual({ listed: ['production'], escaped: 1 });
    expect(await sut.sql(rollupDrift)).toEqual([{ n: 0 }]);
  });

  it('counts sightings at the same instant at the earlier stage', async () => {
    await post([aFinding({ stage: 'production', detectedAt: '2026-06-10T00:00:00Z' }), aFinding({ stage: 'ci', detectedAt: '2026-06-10T00:00:00Z' })]).expect(200);
    expect(await sut.sql('SELECT first_detected_stage FROM findings')).toEqual([{ first_detected_stage: 'ci' }]);
  });

  it('keeps the commit of the earliest introduction, and shows it in the finding', async () => {
    await post([aFinding({ introducedAt: '2026-03-01T09:00:00Z', introducedCommit: 'BBBB2222' })]).expect(200);
    const [{ id }] = await sut.sql<{ id: string }>('SELECT id FROM findings');
    expect((await sut.http().get(`/api/v1/findings/${id}`).expect(200)).body).toMatchObject({ introducedAt: '2026-03-01T09:00:00.000Z', introducedCommit: 'bbbb2222' });
    // A later introduction changes nothing; an earlier one brings its commit; the same time without a commit keeps it.
    expect((await post([aFinding({ introducedAt: '2026-03-02T00:00:00Z', introducedCommit: 'cccc3333' })]).expect(200)).body).toMatchObject({ unchanged: 1 });
    await post([aFinding({ introducedAt: '2026-02-20T00:00:00Z', introducedCommit: 'aaaa1111' })]).expect(200);
    expect((await post([aFinding({ introducedAt: '2026-02-20T00:00:00Z' })]).expect(200)).body).toMatchObject({ unchanged: 1 });
    expect(await sut.sql('SELECT introduced_at, introduced_commit FROM findings')).toEqual([{ introduced_at: new Date('2026-02-20T00:00:00Z'), introduced_commit: 'aaaa1111' }]);
    const listed = (await sut.http().get('/api/v1/findings').expect(200)).body.items;
    expect(listed[0]).toMatchObject({ introducedCommit: 'aaaa1111' });
    expect((await post([aFinding({ introducedCommit: 'not-a-commit' })]).expect(400)).body.errors[0].pointer).toBe('/0/introducedCommit');
  });

  it('merges sightings that share a fingerprint inside one request', async () => {
    const response = await post([aFinding(), aFinding({ stage: 'production', detectedAt: '2026-04-01T00:00:00Z' })]).expect(200);
    expect(response.body).toMatchObject({ received: 2, created: 1, updated: 0, unchanged: 0 });
    expect(await sut.sql('SELECT stage FROM detections ORDER BY stage')).toEqual([{ stage: 'ci' }, { stage: 'production' }]);
  });

  it('rejects a malformed finding with 400 naming the field, and stores nothing of the request', async () => {
    await post([aFinding({ fingerprint: 'kept' })]).expect(200);
    const before = await snapshotData(sut);
    const response = await post([aFinding({ fingerprint: 'new-1' }), aFinding({ fingerprint: 'new-2', severity: 'catastrophic' }), aFinding({ fingerprint: 'new-3', cweIds: ['89'] })]).expect(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body.detail).toContain('/1/severity');
    const pointers = response.body.errors.map((e: { pointer: string }) => e.pointer);
    expect(pointers).toEqual(expect.arrayContaining(['/1/severity', '/2/cweIds']));
    expect(await snapshotData(sut)).toBe(before);
  });

  it('rejects bodies that are not findings at all', async () => {
    expect((await post({ not: 'an array' }).expect(400)).body.errors[0].pointer).toBe('/findings');
    expect((await post([aFinding({ extra: true })]).expect(400)).body.errors[0].pointer).toBe('/0/extra');
    expect((await post([aFinding({ introducedAt: '2026-04-01T00:00:00Z' })]).expect(400)).body.errors[0].pointer).toBe('/0/introducedAt');
    const broken = await sut.http().post('/api/v1/findings').set('content-type', 'application/json').send('[{"service": ').expect(400);
    expect(broken.body.detail).toMatch(/not valid JSON/);
    expect(await sut.sql('SELECT * FROM findings')).toHaveLength(0);
  });

  it('gives two uploads sent at the same moment exactly the result of sending them one after the other', async () => {
    const a = Array.from({ length: 300 }, (_, i) => aFinding({ fingerprint: `shared-${i}`, detectedAt: '2026-03-10T00:00:00Z' }));
    const b = Array.from({ length: 300 }, (_, i) => aFinding({ fingerprint: `shared-${i}`, sourceKind: 'pentest', tool: 'pentest', detectedAt: '2026-03-20T00:00:00Z' }));
    const [ra, rb] = await Promise.all([post(a), post(b)]);
    expect(ra.status).toBe(200);
    expect(rb.status).toBe(200);
    expect(ra.body.created + rb.body.created).toBe(300);
    expect(ra.body.created === 300 || rb.body.created === 300).toBe(true);
    const concurrent = await sut.sql('SELECT f.fingerprint, f.first_detected_stage, d.stage, d.detected_at FROM findings f JOIN detections d ON d.finding_id = f.id ORDER BY 1, 3');

    await resetDatabase(sut);
    await post(a).expect(200);
    await post(b).expect(200);
    const serial = await sut.sql('SELECT f.fingerprint, f.first_detected_stage, d.stage, d.detected_at FROM findings f JOIN detections d ON d.finding_id = f.id ORDER BY 1, 3');
    expect(concurrent).toEqual(serial);
    expect(serial).toHaveLength(600);
  });

  it('lists findings newest first with filters and cursor pagination', async () => {
    const body = Array.from({ length: 7 }, (_, i) =>
      aFinding({ fingerprint: `p-${i}`, detectedAt: `2026-03-0${i + 1}T00:00:00Z`, introducedAt: '2026-02-01T00:00:00Z', severity: i % 2 ? 'low' : 'high' }),
    );
    await post(body).expect(200);
    const first = (await sut.http().get('/api/v1/findings?limit=3').expect(200)).body;
    expect(first.items.map((f: { fingerprint: string }) => f.fingerprint)).toEqual(['p-6', 'p-5', 'p-4']);
    const second = (await sut.http().get(`/api/v1/findings?limit=3&cursor=${first.nextCursor}`).expect(200)).body;
    expect(second.items.map((f: { fingerprint: string }) => f.fingerprint)).toEqual(['p-3', 'p-2', 'p-1']);
    const third = (await sut.http().get(`/api/v1/findings?limit=3&cursor=${second.nextCursor}`).expect(200)).body;
    expect(third.items.map((f: { fingerprint: string }) => f.fingerprint)).toEqual(['p-0']);
    expect(third.nextCursor).toBeNull();

    const high = (await sut.http().get('/api/v1/findings?severity=high&class=pattern&stage=ci').expect(200)).body;
    expect(high.items).toHaveLength(4);
    expect(high.items[0]).toMatchObject({ serviceName: 'payments-api', findingClass: 'pattern', firstDetectedStage: 'ci', cweIds: [89], location: { path: 'src/orders/search.ts', line: 42 } });
    const ranged = (await sut.http().get('/api/v1/findings?from=2026-03-03&to=2026-03-05').expect(200)).body;
    expect(ranged.items.map((f: { fingerprint: string }) => f.fingerprint)).toEqual(['p-3', 'p-2']);

    const bad = await sut.http().get('/api/v1/findings?severity=urgent&limit=0&cursor=zzz').expect(400);
    expect(bad.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(expect.arrayContaining(['/severity', '/limit']));
    await sut.http().get('/api/v1/findings?cursor=zzz').expect(400);
  });

  it('filters by escape, CWE, category and text, and pages through any sort order', async () => {
    const severities = ['low', 'critical', 'medium', 'high', 'info', 'high'];
    await post(
      severities.map((severity, i) =>
        aFinding({ fingerprint: `s-${i}`, severity, title: i === 2 ? 'Refund route lacks an ownership check' : `Finding ${i}`, cweIds: i % 2 ? [862] : [89], stage: i < 3 ? 'code_review' : 'production' }),
      ),
    ).expect(200);
    const bySeverity: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { fingerprint: string; severity: string }[]; nextCursor: string | null } = (
        await sut.http().get(`/api/v1/findings?sort=severity&order=asc&limit=2${cursor ? `&cursor=${cursor}` : ''}`).expect(200)
      ).body;
      bySeverity.push(...page.items.map((f) => f.severity));
      cursor = page.nextCursor;
    } while (cursor);
    expect(bySeverity).toEqual(['info', 'low', 'medium', 'high', 'high', 'critical']);
    const escaped = (await sut.http().get('/api/v1/findings?escaped=true&boundary=pre_release').expect(200)).body.items;
    expect(escaped.map((f: { fingerprint: string }) => f.fingerprint).sort()).toEqual(['s-3', 's-4', 's-5']);
    expect((await sut.http().get('/api/v1/findings?cwe=862').expect(200)).body.items).toHaveLength(3);
    expect((await sut.http().get('/api/v1/findings?category=authorization').expect(200)).body.items).toHaveLength(3);
    const text = (await sut.http().get('/api/v1/findings?q=ownership').expect(200)).body.items;
    expect(text.map((f: { fingerprint: string; gap: string; category: string }) => [f.fingerprint, f.gap, f.category])).toEqual([['s-2', 'unmodelled', 'injection']]);
    await sut.http().get('/api/v1/findings?q=%25').expect(200);
    await sut.http().get('/api/v1/findings?sort=colour').expect(400);
  });

  it('pages through titles in the order of the database’s collation: ties, other scripts, and titles too long for the title index', async () => {
    const titles = [
      ...['Same title', 'Same title', 'Same title', 'ärger', 'Ärger', 'arger', 'Zebra', 'zebra', 'a-b', 'ab', 'a b', 'émile', 'Émile', 'e'],
      ...['日本語の題名', '日本', 'Ελληνικά', 'Кириллица', '한국어', '🔒 lock', '漢'.repeat(10)],
      // 2,000 bytes, the longest the index holds; then titles beyond it (3 bytes a character), two of them tied.
      ...['é'.repeat(1000), `${'é'.repeat(999)}f`, '漢'.repeat(1000), '漢'.repeat(1000), `${'漢'.repeat(999)}a`, '漢'.repeat(999)],
    ];
    await post(titles.map((title, i) => aFinding({ fingerprint: `t-${i}`, title, severity: i % 3 ? 'high' : 'low' }))).expect(200);
    const ordered = async (order: 'ASC' | 'DESC', where = '') =>
      (await sut.sql<{ id: string }>(`SELECT id FROM findings ${where} ORDER BY title ${order}, id ${order}`)).map((row) => row.id);
    expect(await sut.sql(`SELECT count(*)::int AS n FROM findings WHERE octet_length(title) > 2000`)).toEqual([{ n: 4 }]);
    expect(await listedIds(sut.http(), 'sort=title&order=asc', 4)).toEqual(await ordered('ASC'));
    expect(await listedIds(sut.http(), 'sort=title&order=desc', 4)).toEqual(await ordered('DESC'));
    expect(await listedIds(sut.http(), 'sort=title&order=asc&severity=low', 2)).toEqual(await ordered('ASC', `WHERE severity = 'low'`));
    expect(await listedIds(sut.http(), 'sort=title&order=desc&severity=low', 50)).toEqual(await ordered('DESC', `WHERE severity = 'low'`));
  });
});
