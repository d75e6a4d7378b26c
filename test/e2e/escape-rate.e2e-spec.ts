import { aFinding } from '../support/findings-fixture';
import { resetDatabase, startTestApp, type TestApp } from '../support/test-app';

const STAGES = ['design', 'code_review', 'ci', 'pre_release', 'production'];

/** Wilson score interval written out independently of the product's implementation. */
function wilson(x: number, n: number): [number, number] {
  const z = 1.959963984540054;
  const p = x / n;
  const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / (1 + (z * z) / n);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

describe('GET /api/v1/metrics/escape-rate', () => {
  let sut: TestApp;
  type Posted = { fingerprint: string; service: string; cls: 'design' | 'pattern'; stages: string[]; introducedAt?: string; detectedAt: string; severity: string };
  const posted: Posted[] = [];

  beforeAll(async () => {
    sut = await startTestApp();
    await resetDatabase(sut);
    const team = (await sut.http().post('/api/v1/teams').send({ name: 'Payments' }).expect(201)).body;
    await sut.http().post('/api/v1/services').send({ name: 'payments-api', teamId: team.id }).expect(201);
    // A deterministic spread: months Jan–Jun 2026, both classes, every stage, some without introducedAt.
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 240; i++) {
      const cls = next() < 0.4 ? 'design' : 'pattern';
      const month = 1 + Math.floor(next() * 6);
      const day = 1 + Math.floor(next() * 27);
      const stage = STAGES[Math.floor(next() * STAGES.length)];
      const withIntroduced = next() < 0.7;
      const service = next() < 0.5 ? 'payments-api' : 'ledger';
      const detectedAt = `2026-0${month}-${String(day).padStart(2, '0')}T10:00:00Z`;
      // Introduced a few days earlier, sometimes in the previous month: the cohort then differs from detection.
      const introducedAt = withIntroduced ? new Date(Date.parse(detectedAt) - Math.floor(next() * 20) * 86_400_000).toISOString() : undefined;
      const stages = [stage];
      if (next() < 0.2) stages.push(STAGES[Math.min(4, STAGES.indexOf(stage) + 1)]);
      posted.push({ fingerprint: `f-${i}`, service, cls, stages, introducedAt, detectedAt, severity: next() < 0.5 ? 'high' : 'low' });
    }
    const body = posted.flatMap((p) =>
      p.stages.map((stage, k) =>
        aFinding({
          fingerprint: p.fingerprint,
          service: p.service,
          cweIds: p.cls === 'design' ? [862] : [79],
          severity: p.severity,
          stage,
          detectedAt: new Date(Date.parse(p.detectedAt) + k * 86_400_000).toISOString(),
          ...(p.introducedAt ? { introducedAt: p.introducedAt } : { introducedAt: undefined }),
        }),
      ),
    );
    // A suppressed finding never counts.
    body.push(aFinding({ fingerprint: 'suppressed', cweIds: [862], stage: 'production', status: 'suppressed' }));
    await sut.http().post('/api/v1/findings').send(body).expect(200);
  });
  afterAll(() => sut.close());

  function expected(boundary: string, keyOf: (p: Posted) => string, filter: (p: Posted) => boolean = () => true) {
    const groups = new Map<string, Map<string, { total: number; escaped: number }>>();
    for (const p of posted.filter(filter)) {
      const cohort = (p.introducedAt ?? p.detectedAt).slice(0, 7) + '-01';
      // Stage k is detected k days after the first: the first detection in time is stages[0].
      const first = STAGES.indexOf(p.stages[0]);
      const key = keyOf(p);
      if (!groups.has(key)) groups.set(key, new Map());
      const cell = groups.get(key)!.get(cohort) ?? { total: 0, escaped: 0 };
      cell.total += 1;
      if (first >= STAGES.indexOf(boundary)) cell.escaped += 1;
      groups.get(key)!.set(cohort, cell);
    }
    return groups;
  }

  it.each(['ci', 'production', 'code_review'])('matches an independent computation by class, boundary %s', async (boundary) => {
    const response = await sut.http().get(`/api/v1/metrics/escape-rate?groupBy=class&bucket=month&boundary=${boundary}`).expect(200);
    expect(response.body).toMatchObject({ boundary, bucket: 'month', groupBy: 'class' });
    const want = expected(boundary, (p) => p.cls);
    expect(response.body.series.map((s: { key: string }) => s.key)).toEqual([...want.keys()].sort());
    for (const series of response.body.series) {
      for (const point of series.points) {
        const cell = want.get(series.key)!.get(point.period) ?? { total: 0, escaped: 0 };
        expect({ period: point.period, total: point.total, escaped: point.escaped }).toEqual({ period: point.period, ...cell });
        if (cell.total === 0) {
          expect(point.rate).toBeNull();
        } else {
          const [low, high] = wilson(cell.escaped, cell.total);
          expect(point.rate).toBeCloseTo(cell.escaped / cell.total, 10);
          expect(point.ciLow).toBeCloseTo(low, 10);
          expect(point.ciHigh).toBeCloseTo(high, 10);
        }
      }
      const totals = series.points.reduce((sum: number, p: { total: number }) => sum + p.total, 0);
      expect(totals).toBe(posted.filter((p) => p.cls === series.key).length);
    }
  });

  it('groups by service and by team, and filters by service and period', async () => {
    const byService = (await sut.http().get('/api/v1/metrics/escape-rate?groupBy=service').expect(200)).body;
    const want = expected('ci', (p) => p.service);
    for (const series of byService.series) {
      const totals = series.points.reduce((sum: number, p: { escaped: number }) => sum + p.escaped, 0);
      expect(totals).toBe([...want.get(series.key)!.values()].reduce((s, c) => s + c.escaped, 0));
    }
    const byTeam = (await sut.http().get('/api/v1/metrics/escape-rate?groupBy=team').expect(200)).body;
    expect(byTeam.series.map((s: { key: string }) => s.key)).toEqual(['(no team)', 'Payments']);

    const services = (await sut.http().get('/api/v1/services').expect(200)).body as { id: string; name: string }[];
    const ledger = services.find((s) => s.name === 'ledger')!;
    const filtered = (await sut.http().get(`/api/v1/metrics/escape-rate?service=${ledger.id}&from=2026-02-01&to=2026-04-01`).expect(200)).body;
    const ledgerWant = expected('ci', (p) => p.cls, (p) => p.service === 'ledger' && (p.introducedAt ?? p.detectedAt) >= '2026-02-01' && (p.introducedAt ?? p.detectedAt) < '2026-04-01');
    for (const series of filtered.series) {
      expect(series.points.map((p: { period: string }) => p.period)).toEqual(['2026-02-01', '2026-03-01']);
      for (const point of series.points) expect(point.total).toBe(ledgerWant.get(series.key)?.get(point.period)?.total ?? 0);
    }
  });

  it('buckets by week and quarter in UTC', async () => {
    const quarters = (await sut.http().get('/api/v1/metrics/escape-rate?bucket=quarter').expect(200)).body;
    const periods = new Set(quarters.series.flatMap((s: { points: { period: string }[] }) => s.points.map((p) => p.period)));
    expect([...periods].every((p) => ['2025-10-01', '2026-01-01', '2026-04-01'].includes(p as string))).toBe(true);
    const weeks = (await sut.http().get('/api/v1/metrics/escape-rate?bucket=week').expect(200)).body;
    for (const p of weeks.series[0].points) expect(new Date(`${p.period}T00:00:00Z`).getUTCDay()).toBe(1);
  });

  it('marks cohorts younger than the follow-up window as immature', async () => {
    const now = Date.now();
    const body = (await sut.http().get('/api/v1/metrics/escape-rate?followUpDays=150').expect(200)).body;
    expect(body.followUpDays).toBe(150);
    for (const point of body.series[0].points) {
      const end = new Date(`${point.period}T00:00:00Z`);
      end.setUTCMonth(end.getUTCMonth() + 1);
      expect(point.mature).toBe(end.getTime() + 150 * 86_400_000 <= now);
    }
    expect((await sut.http().get('/api/v1/metrics/escape-rate').expect(200)).body.followUpDays).toBe(90);
  });

  it('groups by category, layer, source and tool too', async () => {
    for (const groupBy of ['category', 'layer', 'source', 'tool', 'severity']) {
      const body = (await sut.http().get(`/api/v1/metrics/escape-rate?groupBy=${groupBy}`).expect(200)).body;
      const total = body.series.flatMap((s: { points: { total: number }[] }) => s.points).reduce((n: number, p: { total: number }) => n + p.total, 0);
      expect(total).toBe(posted.length);
    }
  });

  it('keeps the daily rollups exactly equal to the findings through inserts, updates and deletes', async () => {
    const drift = `
      WITH fresh AS (
        SELECT service_id, (coalesce(introduced_at, first_detected_at) AT TIME ZONE 'UTC')::date AS cohort_day, finding_class, first_detected_stage,
               status NOT IN ('suppressed', 'false_positive') AS counted, count(*) AS n
          FROM findings GROUP BY 1, 2, 3, 4, 5
      )
      SELECT count(*)::int AS n FROM (
        (SELECT * FROM fresh EXCEPT SELECT service_id, cohort_day, finding_class, first_detected_stage, counted, n FROM finding_rollups)
        UNION ALL
        (SELECT service_id, cohort_day, finding_class, first_detected_stage, counted, n FROM finding_rollups EXCEPT SELECT * FROM fresh)
      ) d`;
    expect(await sut.sql(drift)).toEqual([{ n: 0 }]);
    // An earlier sighting moves a finding's stage; a status change suppresses one; a service goes away.
    await sut.http().post('/api/v1/findings').send([aFinding({ fingerprint: 'f-1', service: posted[1].service, stage: 'design', detectedAt: '2025-12-01T00:00:00Z', introducedAt: '2025-11-30T00:00:00Z' })]).expect(200);
    await sut.http().post('/api/v1/findings').send([aFinding({ fingerprint: 'f-2', service: posted[2].service, status: 'false_positive' })]).expect(200);
    expect(await sut.sql(drift)).toEqual([{ n: 0 }]);
    await sut.sql(`DELETE FROM findings WHERE fingerprint IN ('f-3', 'f-4')`);
    expect(await sut.sql(drift)).toEqual([{ n: 0 }]);
  });

  it('rejects unknown groupings, buckets, boundaries and dates with the parameter named', async () => {
    const response = await sut.http().get('/api/v1/metrics/escape-rate?groupBy=colour&bucket=decade&boundary=later&from=yesterday').expect(400);
    expect(response.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(expect.arrayContaining(['/groupBy', '/bucket', '/boundary', '/from']));
    await sut.http().get('/api/v1/metrics/escape-rate?from=2026-05-01&to=2026-04-01').expect(400);
  });
});
