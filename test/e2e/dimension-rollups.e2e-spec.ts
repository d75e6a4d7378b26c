import { aFinding } from '../support/findings-fixture';
import { resetDatabase, startTestApp, type TestApp } from '../support/test-app';

const STAGES = ['design', 'code_review', 'ci', 'pre_release', 'production'];
const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'];
const SOURCE_OF_STAGE: Record<string, string> = { design: 'threat_model_review', code_review: 'code_review', ci: 'sast', pre_release: 'dast', production: 'bug_bounty' };

/** Each grouping's key over the findings table, written here as the findings-table computation reads it. */
const KEY: Record<string, string> = {
  class: `f.finding_class::text`,
  category: `coalesce(f.category, 'other')`,
  severity: `f.severity::text`,
  layer: `coalesce(f.layer::text, '(no layer)')`,
  source: `f.source_kind::text`,
  tool: `coalesce(f.tool, '(no tool)')`,
  team: `coalesce(t.name, '(no team)')`,
  service: `s.name`,
};

type Filter = { from?: string; to?: string; team?: string; service?: string; class?: string; severity?: string; boundary?: string };
type Point = { key: string; period: string; total: number; escaped: number };

const sortPoints = (points: Point[]) => [...points].sort((a, b) => (a.key === b.key ? a.period.localeCompare(b.period) : a.key < b.key ? -1 : 1));

/**
 * Escape rate by category, severity, layer, source and tool (and class, team and service with a severity
 * filter) and containment read summary rows that triggers keep, with the days at a period's ends that fall
 * inside a cohort span read from the findings. Every figure must equal a count over the findings table:
 * for every grouping, bucket and filter, with period bounds on and off span starts, for a team-limited
 * caller, and after inserts, status changes, reclassification, a service moving team, and deletes.
 */
describe('figures served from the dimension rollups', () => {
  let sut: TestApp;
  let payments: { id: string };
  let identity: { id: string };
  let ledger: string;

  beforeAll(async () => {
    sut = await startTestApp();
    await resetDatabase(sut);
    payments = (await sut.http().post('/api/v1/teams').send({ name: 'Payments' }).expect(201)).body;
    identity = (await sut.http().post('/api/v1/teams').send({ name: 'Identity' }).expect(201)).body;
    await sut.http().post('/api/v1/services').send({ name: 'payments-api', teamId: payments.id }).expect(201);
    ledger = (await sut.http().post('/api/v1/services').send({ name: 'ledger', teamId: identity.id }).expect(201)).body.id;
    await sut.http().post('/api/v1/findings').send(findings(0, 300)).expect(200);
  });
  afterAll(() => sut.close());

  /** A deterministic spread over Jan–Jun 2026: every stage, severity, several CWEs (categories, layers), tools and statuses. */
  function findings(first: number, count: number, seed = 11) {
    let state = seed;
    const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
    return Array.from({ length: count }, (_, k) => {
      const i = first + k;
      const stage = pick(STAGES);
      const detectedAt = new Date(Date.UTC(2026, 0, 1) + Math.floor(next() * 180 * 86_400_000)).toISOString();
      const introducedAt = next() < 0.6 ? new Date(Date.parse(detectedAt) - Math.floor(next() * 30) * 86_400_000).toISOString() : undefined;
      return aFinding({
        fingerprint: `d-${i}`,
        service: pick(['payments-api', 'ledger', 'search']),
        stage,
        sourceKind: SOURCE_OF_STAGE[stage],
        tool: pick(['semgrep', 'codeql', 'zap', undefined]),
        severity: pick(SEVERITIES),
        cweIds: [pick([862, 639, 79, 89, 798, 287, 352, 1021])],
        detectedAt,
        introducedAt,
        ...(next() < 0.1 ? { status: pick(['suppressed', 'false_positive', 'fixed', 'accepted_risk']) } : {}),
      });
    });
  }

  const query = (filter: Filter) =>
    Object.entries(filter)
      .filter(([, value]) => value !== undefined)
      .map(([name, value]) => `&${name}=${value}`)
      .join('');

  /** The count over the findings table that every escape-rate figure must equal. */
  async function expectedEscapes(groupBy: string, bucket: string, filter: Filter, teams: string[] | null): Promise<Point[]> {
    const params: unknown[] = [bucket, filter.boundary ?? 'ci'];
    const bind = (value: unknown) => `$${params.push(value)}`;
    const where = [`f.status NOT IN ('suppressed', 'false_positive')`];
    if (filter.from) where.push(`coalesce(f.introduced_at, f.first_detected_at) >= ${bind(filter.from)}::date::timestamptz`);
    if (filter.to) where.push(`coalesce(f.introduced_at, f.first_detected_at) < ${bind(filter.to)}::date::timestamptz`);
    if (teams) where.push(`s.team_id = ANY (${bind(teams)}::uuid[])`);
    if (filter.team) where.push(`s.team_id = ${bind(filter.team)}::uuid`);
    if (filter.service) where.push(`f.service_id = ${bind(filter.service)}::uuid`);
    if (filter.class) where.push(`f.finding_class = ${bind(filter.class)}::finding_class`);
    if (filter.severity) where.push(`f.severity = ${bind(filter.severity)}::severity`);
    const rows = await sut.sql<Point>(
      `SELECT ${KEY[groupBy]} AS key, to_char(date_trunc($1, coalesce(f.introduced_at, f.first_detected_at) AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS period,
              count(*)::int AS total, (count(*) FILTER (WHERE f.first_detected_stage >= $2::detection_stage))::int AS escaped
         FROM findings f JOIN services s ON s.id = f.service_id LEFT JOIN teams t ON t.id = s.team_id
        WHERE ${where.join(' AND ')}
        GROUP BY 1, 2`,
      params,
    );
    return sortPoints(rows);
  }

  async function servedEscapes(http: ReturnType<TestApp['http']>, groupBy: string, bucket: string, filter: Filter): Promise<Point[]> {
    const body = (await http.get(`/api/v1/metrics/escape-rate?groupBy=${groupBy}&bucket=${bucket}${query(filter)}`).expect(200)).body;
    const points: Point[] = body.series.flatMap((s: { key: string; points: { period: string; total: number; escaped: number }[] }) =>
      s.points.filter((p) => p.total > 0).map((p) => ({ key: s.key, period: p.period, total: p.total, escaped: p.escaped })),
    );
    return sortPoints(points);
  }

  /** Containment's counts per group, stage and severity, read back from its cost with severity weights 1000^i (counts stay below 1000). */
  async function servedContainment(http: ReturnType<TestApp['http']>, groupBy: string, filter: Filter) {
    const severityWeights = SEVERITIES.map((severity, i) => `${severity}:${1000 ** i}`).join(',');
    const stageWeights = STAGES.map((stage) => `${stage}:1`).join(',');
    const body = (await http.get(`/api/v1/metrics/containment?groupBy=${groupBy}&stageWeights=${stageWeights}&severityWeights=${severityWeights}${query(filter)}`).expect(200)).body;
    return Object.fromEntries(
      body.rows.map((row: { key: string; counts: Record<string, number> }) => [row.key, { counts: row.counts, weighted: body.cost.byKey[row.key].byStage }]),
    );
  }

  async function expectedContainment(groupBy: string, filter: Filter, teams: string[] | null) {
    const params: unknown[] = [];
    const bind = (value: unknown) => `$${params.push(value)}`;
    const where = [`f.status NOT IN ('suppressed', 'false_positive')`];
    if (filter.from) where.push(`coalesce(f.introduced_at, f.first_detected_at) >= ${bind(filter.from)}::date::timestamptz`);
    if (filter.to) where.push(`coalesce(f.introduced_at, f.first_detected_at) < ${bind(filter.to)}::date::timestamptz`);
    if (teams) where.push(`s.team_id = ANY (${bind(teams)}::uuid[])`);
    if (filter.team) where.push(`s.team_id = ${bind(filter.team)}::uuid`);
    if (filter.service) where.push(`f.service_id = ${bind(filter.service)}::uuid`);
    const rows = await sut.sql<{ key: string; stage: string; severity: string; n: number }>(
      `SELECT ${KEY[groupBy]} AS key, f.first_detected_stage::text AS stage, f.severity::text AS severity, count(*)::int AS n
         FROM findings f JOIN services s ON s.id = f.service_id
        WHERE ${where.join(' AND ')} GROUP BY 1, 2, 3`,
      params,
    );
    const out: Record<string, { counts: Record<string, number>; weighted: Record<string, number> }> = {};
    for (const row of rows) {
      out[row.key] ??= { counts: Object.fromEntries(STAGES.map((s) => [s, 0])), weighted: Object.fromEntries(STAGES.map((s) => [s, 0])) };
      out[row.key].counts[row.stage] += row.n;
      out[row.key].weighted[row.stage] += row.n * 1000 ** SEVERITIES.indexOf(row.severity);
    }
    return out;
  }

  /** Period bounds on span starts (a Monday, the 1st), inside spans, both inside one span, and open. */
  const periods: Filter[] = [
    {},
    { from: '2026-02-11', to: '2026-05-20' },
    { from: '2026-03-01', to: '2026-04-06' },
    { from: '2026-03-02', to: '2026-03-05' },
    { from: '2026-01-28', to: '2026-02-03' },
    { from: '2026-03-31' },
    { to: '2026-04-15' },
  ];

  async function expectEveryFigureFromTheFindings(): Promise<void> {
    const filters: Filter[] = [
      ...periods,
      { team: payments.id },
      { service: ledger, boundary: 'production' },
      { class: 'design' },
      { severity: 'high' },
      { severity: 'critical', team: identity.id, from: '2026-02-18', to: '2026-06-03', boundary: 'code_review' },
    ];
    for (const groupBy of ['category', 'severity', 'layer', 'source', 'tool']) {
      for (const bucket of ['week', 'month', 'quarter']) {
        for (const filter of bucket === 'month' ? filters : periods.slice(0, 3)) {
          expect({ groupBy, bucket, filter, points: await servedEscapes(sut.http(), groupBy, bucket, filter) }).toEqual({
            groupBy,
            bucket,
            filter,
            points: await expectedEscapes(groupBy, bucket, filter, null),
          });
        }
      }
    }
    for (const groupBy of ['class', 'team', 'service']) {
      for (const filter of [{ severity: 'high' }, { severity: 'medium', from: '2026-01-14', to: '2026-06-17' }]) {
        expect(await servedEscapes(sut.http(), groupBy, 'week', filter)).toEqual(await expectedEscapes(groupBy, 'week', filter, null));
      }
    }
    for (const groupBy of ['class', 'category']) {
      for (const filter of [...periods, { team: payments.id }, { service: ledger, from: '2026-02-11' }]) {
        expect({ groupBy, filter, rows: await servedContainment(sut.http(), groupBy, filter) }).toEqual({ groupBy, filter, rows: await expectedContainment(groupBy, filter, null) });
      }
    }
    // A manager limited to the Payments team: the same figures as a count over that team's findings.
    const manager = await sut.asUser({ role: 'manager', teamIds: [payments.id] });
    for (const filter of [{}, { from: '2026-02-11', to: '2026-05-20' }]) {
      expect(await servedEscapes(manager.http, 'tool', 'week', filter)).toEqual(await expectedEscapes('tool', 'week', filter, [payments.id]));
      expect(await servedContainment(manager.http, 'category', filter)).toEqual(await expectedContainment('category', filter, [payments.id]));
    }
  }

  it('equals the findings table for every grouping, bucket, filter and period bound', async () => {
    await expectEveryFigureFromTheFindings();
  });

  it('stays equal through inserts, status changes, reclassification, a team change and deletes', async () => {
    // New findings, and new sightings of stored ones that move their first detection earlier.
    await sut.http().post('/api/v1/findings').send(findings(300, 120, 23)).expect(200);
    await sut
      .http()
      .post('/api/v1/findings')
      .send(findings(0, 40, 11).map((f) => ({ ...f, stage: 'design', sourceKind: 'threat_model_review', detectedAt: '2026-01-05T08:00:00Z', introducedAt: '2026-01-01T00:00:00Z' })))
      .expect(200);
    // Status changes in and out of the counted statuses.
    await sut.sql(`UPDATE findings SET status = 'false_positive' WHERE fingerprint IN ('d-1', 'd-2', 'd-3', 'd-301')`);
    await sut.sql(`UPDATE findings SET status = 'open' WHERE status = 'suppressed'`);
    // Reclassification: a workspace rule rewrites class and category, and a person's override.
    await sut.http().post('/api/v1/classification-rules').send({ match: { tool: 'zap' }, findingClass: 'design', category: 'business-logic' }).expect(201);
    const [{ id }] = await sut.sql<{ id: string }>(`SELECT id FROM findings WHERE fingerprint = 'd-7'`);
    await sut.http().put(`/api/v1/findings/${id}/classification`).send({ findingClass: 'pattern', reason: 'The scanner rule fits this one' }).expect(204);
    // A service moves to another team: team is joined at read time.
    await sut.sql(`UPDATE services SET team_id = $1 WHERE name = 'search'`, [payments.id]);
    // Deletes: some findings, then a whole service with its findings.
    await sut.sql(`DELETE FROM findings WHERE fingerprint LIKE 'd-1%'`);
    await expectEveryFigureFromTheFindings();
    await sut.sql(`DELETE FROM services WHERE name = 'payments-api'`);
    await expectEveryFigureFromTheFindings();
  });
});
