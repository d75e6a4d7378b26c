import { classifyFinding, DETECTION_STAGES, demoFindings, type DemoOptions } from '@escapement/domain';
import { DataSource } from 'typeorm';
import { DemoSeeder } from '../../apps/api/src/demo/demo-seeder';
import { resetDatabase, startTestApp, type TestApp } from '../support/test-app';

const OPTIONS: DemoOptions = { seed: 7, findings: 2_000, end: new Date('2026-06-30T00:00:00Z') };
const rank = (stage: string) => DETECTION_STAGES.indexOf(stage as (typeof DETECTION_STAGES)[number]);

/**
 * Every escape-rate figure over the demo organisation, recomputed here straight from the generator's
 * output (not from the database): cohort month, stage of the first detection in time (ties: the earlier stage), suppression, one count per finding.
 */
describe('escape rates over the demo organisation', () => {
  let sut: TestApp;
  beforeAll(async () => {
    sut = await startTestApp();
    await resetDatabase(sut);
    await sut.app.get(DemoSeeder).seed(OPTIONS);
  }, 120_000);
  afterAll(() => sut.close());

  function expected(boundary: string, keyOf: (f: ReturnType<typeof demoFindings> extends Generator<infer F> ? F : never) => string) {
    const cells = new Map<string, { total: number; escaped: number }>();
    for (const finding of demoFindings(OPTIONS)) {
      if (finding.status === 'suppressed' || finding.status === 'false_positive') continue;
      const period = `${(finding.introducedAt ?? finding.detections[0].detectedAt).slice(0, 7)}-01`;
      const [first] = [...finding.detections].sort((a, b) => a.detectedAt.localeCompare(b.detectedAt) || rank(a.stage) - rank(b.stage));
      const id = `${keyOf(finding)}|${period}`;
      const cell = cells.get(id) ?? { total: 0, escaped: 0 };
      cell.total += 1;
      if (rank(first.stage) >= rank(boundary)) cell.escaped += 1;
      cells.set(id, cell);
    }
    return cells;
  }

  it('leaves planner statistics for what it loaded, even where autovacuum is off or behind', async () => {
    const rows: { tablename: string }[] = await sut.app
      .get(DataSource)
      .query(`SELECT DISTINCT tablename FROM pg_stats WHERE schemaname = current_schema() AND tablename IN ('findings', 'detections') ORDER BY 1`);
    expect(rows.map((r) => r.tablename)).toEqual(['detections', 'findings']);
  });

  it.each([
    ['class', 'ci'],
    ['class', 'production'],
    ['severity', 'ci'],
    ['service', 'pre_release'],
  ])('by %s with boundary %s matches the independent count in every period', async (groupBy, boundary) => {
    const keyOf =
      groupBy === 'class'
        ? // The first sighting describes the finding, as on ingest.
          (f: { cweIds: number[]; ruleId: string | null; tool: string | null; detections: { sourceKind: Parameters<typeof classifyFinding>[0]['sourceKind']; tool: string | null }[] }) =>
            classifyFinding({ cweIds: f.cweIds, ruleId: f.ruleId, tool: f.detections[0].tool ?? f.tool, sourceKind: f.detections[0].sourceKind }).findingClass
        : groupBy === 'severity'
          ? (f: { severity: string }) => f.severity
          : (f: { service: string }) => f.service;
    const want = expected(boundary, keyOf as never);
    const body = (await sut.http().get(`/api/v1/metrics/escape-rate?groupBy=${groupBy}&boundary=${boundary}&bucket=month`).expect(200)).body;
    let compared = 0;
    for (const series of body.series) {
      for (const point of series.points) {
        const cell = want.get(`${series.key}|${point.period}`) ?? { total: 0, escaped: 0 };
        expect([series.key, point.period, point.total, point.escaped]).toEqual([series.key, point.period, cell.total, cell.escaped]);
        compared += cell.total;
      }
    }
    expect(compared).toBe([...want.values()].reduce((n, c) => n + c.total, 0));
  });

  it('stores the introductions the generator gives, and none for the scanner findings it leaves undated', async () => {
    const generated = [...demoFindings(OPTIONS)];
    const [stored] = await sut.sql<{ total: number; undated: number; commits: number }>(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE introduced_at IS NULL)::int AS undated,
              count(*) FILTER (WHERE introduced_commit IS NOT NULL)::int AS commits FROM findings`,
    );
    expect(stored).toEqual({
      total: generated.length,
      undated: generated.filter((f) => f.introducedAt === null).length,
      commits: generated.filter((f) => f.introducedCommit !== null).length,
    });
    expect(stored.undated).toBeGreaterThan(0);
  });
});
