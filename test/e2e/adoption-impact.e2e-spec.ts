import { adoptionVerdict, ALL_CLASSES, DEFAULT_HORIZON_RULE, FINDING_CLASSES, type DetectionStage, type HorizonRule, type VerdictFinding } from '@escapement/domain';
import { aFinding } from '../support/findings-fixture';
import { resetDatabase, startTestApp, type TestApp } from '../support/test-app';

/** Two-proportion z-test with pooled variance and the normal CDF from erfc, written independently. */
function zTestP(x1: number, n1: number, x2: number, n2: number): number {
  const p = (x1 + x2) / (n1 + n2);
  const z = (x2 / n2 - x1 / n1) / Math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2));
  // Φ by Simpson's rule on the normal density: slow, simple, and independent of the product's erfc.
  const phi = (t: number) => {
    let sum = 0;
    const steps = 20000;
    const a = 0;
    const h = (Math.abs(t) - a) / steps;
    for (let i = 0; i <= steps; i++) {
      const x = a + i * h;
      sum += (i === 0 || i === steps ? 1 : i % 2 ? 4 : 2) * Math.exp((-x * x) / 2);
    }
    return 0.5 + ((h / 3) * sum) / Math.sqrt(2 * Math.PI);
  };
  return 2 * (1 - phi(Math.abs(z)));
}

/** Wilson score limits, written out again for the check (z for 95%). */
function wilson(x: number, n: number): [number, number] {
  const z = 1.959963984540054;
  const p = x / n;
  const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
  const half = (z / (1 + (z * z) / n)) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

describe('GET /api/v1/metrics/adoption-impact', () => {
  let sut: TestApp;
  let adoptionId: string;
  beforeAll(async () => {
    sut = await startTestApp();
    await resetDatabase(sut);
    const a = (await sut.http().post('/api/v1/teams').send({ name: 'Adopters' }).expect(201)).body;
    const b = (await sut.http().post('/api/v1/teams').send({ name: 'Control' }).expect(201)).body;
    await sut.http().post('/api/v1/services').send({ name: 'adopter-api', teamId: a.id }).expect(201);
    await sut.http().post('/api/v1/services').send({ name: 'control-api', teamId: b.id }).expect(201);
    adoptionId = (await sut.http().post('/api/v1/adoptions').send({ teamId: a.id, practice: 'context-aware-development', startedAt: '2026-03-01' }).expect(201)).body.id;

    // service, class, window, total, escaped
    const plan: [string, 'design' | 'pattern', 'before' | 'after', number, number][] = [
      ['adopter-api', 'design', 'before', 20, 12],
      ['adopter-api', 'design', 'after', 20, 4],
      ['adopter-api', 'pattern', 'before', 10, 5],
      ['adopter-api', 'pattern', 'after', 10, 5],
      ['control-api', 'design', 'before', 20, 10],
      ['control-api', 'design', 'after', 20, 9],
    ];
    const body: Record<string, unknown>[] = [];
    for (const [service, cls, window, total, escaped] of plan) {
      for (let i = 0; i < total; i++) {
        const day = window === 'before' ? `2025-12-${String(1 + (i % 28)).padStart(2, '0')}` : `2026-04-${String(1 + (i % 28)).padStart(2, '0')}`;
        body.push(
          aFinding({
            service,
            fingerprint: `${service}-${cls}-${window}-${i}`,
            cweIds: cls === 'design' ? [862] : [79],
            introducedAt: `${day}T00:00:00Z`,
            detectedAt: `${day}T12:00:00Z`,
            stage: i < escaped ? 'production' : 'code_review',
          }),
        );
      }
    }
    // Outside the windows, and a suppressed one inside: neither counts.
    body.push(aFinding({ service: 'adopter-api', fingerprint: 'old', cweIds: [862], introducedAt: '2024-01-01T00:00:00Z', detectedAt: '2024-01-02T00:00:00Z', stage: 'production' }));
    body.push(aFinding({ service: 'adopter-api', fingerprint: 'muted', cweIds: [862], introducedAt: '2026-04-02T00:00:00Z', detectedAt: '2026-04-03T00:00:00Z', stage: 'production', status: 'suppressed' }));
    await sut.http().post('/api/v1/findings').send(body).expect(200);
  });
  afterAll(() => sut.close());

  it('compares equal mature windows per class, with a control group and a difference-in-differences', async () => {
    const response = (await sut.http().get(`/api/v1/metrics/adoption-impact?adoption=${adoptionId}&windowDays=120`).expect(200)).body;
    expect(response).toMatchObject({
      adoption: { id: adoptionId, team: 'Adopters', practice: 'context-aware-development', startedAt: '2026-03-01' },
      windowDays: 120,
      windows: { before: { from: '2025-11-01', to: '2026-03-01' }, after: { from: '2026-03-01', to: '2026-06-29' } },
      control: { services: 1 },
    });
    const design = response.classes.find((c: { class: string }) => c.class === 'design');
    expect(design.treated.before).toEqual({ total: 20, escaped: 12 });
    expect(design.treated.after).toEqual({ total: 20, escaped: 4 });
    expect(design.control.before).toEqual({ total: 20, escaped: 10 });
    expect(design.control.after).toEqual({ total: 20, escaped: 9 });
    const comparison = design.treated.comparison;
    expect(comparison.test).toBe('z');
    expect(comparison.pValue).toBeCloseTo(zTestP(12, 20, 4, 20), 5);
    expect(comparison.difference.estimate).toBeCloseTo(0.2 - 0.6, 10);
    expect(design.differenceInDifferences.estimate).toBeCloseTo(0.2 - 0.6 - (0.45 - 0.5), 10);
    const pattern = response.classes.find((c: { class: string }) => c.class === 'pattern');
    expect(pattern.treated.comparison.difference.estimate).toBeCloseTo(0, 10);
    expect(pattern.control.comparison).toBeNull();
    const all = response.classes.find((c: { class: string }) => c.class === 'all');
    expect(all.treated.before.total).toBe(30);
  });

  it('leads with the control-adjusted verdict, and does not test with two services', async () => {
    const response = (await sut.http().get(`/api/v1/metrics/adoption-impact?adoption=${adoptionId}`).expect(200)).body;
    const verdict = response.verdict;
    expect(verdict).toMatchObject({ boundary: 'ci', analysis: 'primary', exploratorySettings: [], primaryClass: 'design', minimalImportantDifference: 0.1, units: 2 });
    expect(verdict.primaryAnalysis).toEqual({ findingClass: 'design', boundary: 'ci', horizonRule: 'p90', minimalImportantDifference: 0.1 });
    expect(verdict.adoptions).toEqual([{ id: adoptionId, team: 'Adopters', service: null, practice: 'context-aware-development', startedAt: '2026-03-01', retiredAt: null }]);
    // Every finding here is detected on the day it was introduced: H is 0 days and nothing is cut.
    expect(verdict.horizon.horizonDays).toBe(0);
    const design = verdict.classes[0];
    expect(design.findingClass).toBe('design');
    expect(design.counts).toEqual({ treated: { before: { escaped: 12, total: 20 }, after: { escaped: 4, total: 20 } }, control: { before: { escaped: 10, total: 20 }, after: { escaped: 9, total: 20 } } });
    expect(design.estimate).toBeCloseTo(4 / 20 - 12 / 20 - (9 / 20 - 10 / 20), 12);
    // MOVER over the four Wilson intervals; the two relabellings give ±0.35, so the randomisation interval is [−0.70, 0].
    const [ta, tb, ca, cb] = [wilson(4, 20), wilson(12, 20), wilson(9, 20), wilson(10, 20)];
    const low = design.estimate - Math.hypot(0.2 - ta[0], tb[1] - 0.6, ca[1] - 0.45, 0.5 - cb[0]);
    const high = design.estimate + Math.hypot(ta[1] - 0.2, 0.6 - tb[0], 0.45 - ca[0], cb[1] - 0.5);
    expect(design.moverInterval.low).toBeCloseTo(low, 12);
    expect(design.moverInterval.high).toBeCloseTo(high, 12);
    expect(design.interval.low).toBeCloseTo(Math.min(low, -0.7), 12);
    expect(design.interval.high).toBeCloseTo(Math.max(high, 0), 12);
    expect(design.units).toEqual({ adopting: 1, control: 1 });
    expect(design.randomisation).toMatchObject({ method: 'exact', assignments: 2, smallestPossiblePValue: 0.5 });
    expect(design.verdict.code).toBe('too-little-data');
    expect(design.verdict.words).toContain('not tested');
    expect(design.fallbackShare).toBe(0);
    expect(design.sensitivity.estimate).toBeCloseTo(design.estimate, 12);
    const exploratory = (await sut.http().get(`/api/v1/metrics/adoption-impact?adoption=${adoptionId}&boundary=production&horizonDays=30`).expect(200)).body.verdict;
    expect(exploratory).toMatchObject({ analysis: 'exploratory', exploratorySettings: ['boundary', 'horizon'], boundary: 'production', horizon: { horizonDays: 30, estimated: false } });
    // Repeating the recorded settings is still the primary analysis.
    const repeated = (await sut.http().get(`/api/v1/metrics/adoption-impact?adoption=${adoptionId}&boundary=ci&class=design&minimalImportantDifference=0.1`).expect(200)).body.verdict;
    expect(repeated).toMatchObject({ analysis: 'primary', exploratorySettings: [] });
  });

  it('analyses every adoption of a practice together', async () => {
    const response = (await sut.http().get('/api/v1/metrics/adoption-impact?practice=context-aware-development').expect(200)).body;
    expect(response.practice).toBe('context-aware-development');
    expect(response.verdict.adoptions.map((a: { id: string }) => a.id)).toEqual([adoptionId]);
    expect(response.verdict.classes[0].estimate).toBeCloseTo(-0.35, 12);
    const missing = await sut.http().get('/api/v1/metrics/adoption-impact?practice=unknown-practice').expect(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    const both = await sut.http().get(`/api/v1/metrics/adoption-impact?practice=x&adoption=${adoptionId}`).expect(400);
    expect(both.body.errors[0].parameter).toBe('practice');
    await sut.http().get('/api/v1/metrics/adoption-impact?practice=x&minimalImportantDifference=2').expect(400);
  });

  it('limits a team-limited caller to their own teams: no other team is a control, so the verdict says so', async () => {
    const teams = (await sut.http().get('/api/v1/teams').expect(200)).body as { id: string; name: string }[];
    const adopters = await sut.asUser({ role: 'manager', teamIds: [teams.find((t) => t.name === 'Adopters')!.id] });
    const verdict = (await adopters.http.get('/api/v1/metrics/adoption-impact?practice=context-aware-development').expect(200)).body.verdict;
    expect(verdict.units).toBe(1);
    expect(verdict.classes[0].verdict.code).toBe('no-control');
    const control = await sut.asUser({ role: 'manager', teamIds: [teams.find((t) => t.name === 'Control')!.id] });
    await control.http.get('/api/v1/metrics/adoption-impact?practice=context-aware-development').expect(404);
  });

  it('uses Fisher’s exact test when a cell is small', async () => {
    const response = (await sut.http().get(`/api/v1/metrics/adoption-impact?adoption=${adoptionId}&windowDays=120&boundary=production`).expect(200)).body;
    const pattern = response.classes.find((c: { class: string }) => c.class === 'pattern');
    // 10 vs 10 with 5 escapes each: expected cells of 5 — still the z-test; design after has 4 escapes of 20 (expected 8): z.
    expect(['z', 'fisher']).toContain(pattern.treated.comparison.test);
    const narrow = (await sut.http().get(`/api/v1/metrics/adoption-impact?adoption=${adoptionId}&windowDays=30`).expect(200)).body;
    const designNarrow = narrow.classes.find((c: { class: string }) => c.class === 'design');
    expect(designNarrow.treated.before.total).toBeLessThan(20);
    if (designNarrow.treated.comparison) {
      const { before, after } = designNarrow.treated;
      const expected = [before.escaped, before.total - before.escaped, after.escaped, after.total - after.escaped];
      const n = before.total + after.total;
      const minExpected = Math.min(
        ((before.escaped + after.escaped) * before.total) / n,
        ((n - before.escaped - after.escaped) * before.total) / n,
        ((before.escaped + after.escaped) * after.total) / n,
        ((n - before.escaped - after.escaped) * after.total) / n,
      );
      expect(designNarrow.treated.comparison.test).toBe(minExpected < 5 ? 'fisher' : 'z');
      expect(expected.every((c) => c >= 0)).toBe(true);
    }
  });

  it('finds the adoption from a team, and refuses windows without mature follow-up', async () => {
    const teams = (await sut.http().get('/api/v1/teams').expect(200)).body as { id: string; name: string }[];
    const byTeam = (await sut.http().get(`/api/v1/metrics/adoption-impact?team=${teams.find((t) => t.name === 'Adopters')!.id}&windowDays=120`).expect(200)).body;
    expect(byTeam.adoption.id).toBe(adoptionId);
    const tooLong = await sut.http().get(`/api/v1/metrics/adoption-impact?adoption=${adoptionId}&windowDays=400`).expect(400);
    expect(tooLong.body.detail).toMatch(/follow-up/);
    await sut.http().get('/api/v1/metrics/adoption-impact').expect(400);
    await sut.http().get('/api/v1/metrics/adoption-impact?adoption=00000000-0000-4000-8000-000000000000').expect(404);
  });

  it('reports phase containment per class and the weighted cost of escapes', async () => {
    const body = (await sut.http().get('/api/v1/metrics/containment?groupBy=class&from=2025-06-01').expect(200)).body;
    const design = body.rows.find((r: { key: string }) => r.key === 'design');
    // Design findings in range: adopter 20+20, control 20+20; escaped ones at production, the rest at code review.
    expect(design.total).toBe(80);
    expect(design.counts).toEqual({ design: 0, code_review: 80 - 35, ci: 0, pre_release: 0, production: 35 });
    expect(design.cumulativeShare.code_review).toBeCloseTo(45 / 80, 10);
    expect(design.cumulativeShare.production).toBe(1);
    // All severities are high (weight 4): cost = 45 × 2 × 4 + 35 × 10 × 4, plus pattern's 10 × 2 × 4 + 10 × 10 × 4.
    expect(body.cost.byKey.design.total).toBe(45 * 2 * 4 + 35 * 10 * 4);
    expect(body.cost.total.total).toBe(45 * 2 * 4 + 35 * 10 * 4 + 10 * 2 * 4 + 10 * 10 * 4);
    const weighted = (await sut.http().get('/api/v1/metrics/containment?from=2025-06-01&stageWeights=production:100').expect(200)).body;
    expect(weighted.cost.byKey.design.total).toBe(45 * 2 * 4 + 35 * 100 * 4);
    await sut.http().get('/api/v1/metrics/containment?stageWeights=later:3').expect(400);
  });

  // Last: the findings and adoptions these add would change the figures above.
  it('ends the after-window at a retirement, for one adoption and for the practice pooled', async () => {
    // February (before) findings for both services, so that a short window still has a before side, and
    // ten design escapes of the adopters introduced in May, after the retirement to come.
    const at = (day: string, i: number, service: string, stage: 'production' | 'code_review', tag: string) =>
      aFinding({ service, fingerprint: `${tag}-${service}-${i}`, cweIds: [862], introducedAt: `${day}T00:00:00Z`, detectedAt: `${day}T12:00:00Z`, stage });
    const feb = (i: number) => `2026-02-${String(1 + i).padStart(2, '0')}`;
    const body = [
      ...Array.from({ length: 10 }, (_, i) => at(feb(i), i, 'adopter-api', i < 5 ? 'production' : 'code_review', 'feb')),
      ...Array.from({ length: 10 }, (_, i) => at(feb(i), i, 'control-api', i < 5 ? 'production' : 'code_review', 'feb')),
      ...Array.from({ length: 10 }, (_, i) => at(`2026-05-${String(1 + i).padStart(2, '0')}`, i, 'adopter-api', 'production', 'may')),
    ];
    await sut.http().post('/api/v1/findings').send(body).expect(200);
    type Verdict = { classes: { findingClass: string; counts: { treated: { before: unknown; after: unknown } } }[] };
    const designOf = (verdict: Verdict) => verdict.classes.find((c) => c.findingClass === 'design')!.counts.treated;
    const running = (await sut.http().get(`/api/v1/metrics/adoption-impact?adoption=${adoptionId}`).expect(200)).body;
    // 90-day windows (the data start on 2025-12-01): December and February before, April and May after.
    expect(designOf(running.verdict)).toEqual({ before: { escaped: 17, total: 30 }, after: { escaped: 14, total: 30 } });

    await sut.http().post(`/api/v1/adoptions/${adoptionId}/retire`).send({ retiredAt: '2026-04-22' }).expect(201);
    const retired = (await sut.http().get(`/api/v1/metrics/adoption-impact?adoption=${adoptionId}`).expect(200)).body;
    // 52 days from 2026-03-01 to the retirement, and a before-window as long: February only before, April only after.
    expect(retired.windowDays).toBe(52);
    expect(retired.windows).toEqual({ before: { from: '2026-01-08', to: '2026-03-01' }, after: { from: '2026-03-01', to: '2026-04-22' } });
    expect(retired.adoption.retiredAt).toBe('2026-04-22');
    expect(retired.classes.find((c: { class: string }) => c.class === 'design').treated).toMatchObject({ before: { escaped: 5, total: 10 }, after: { escaped: 4, total: 20 } });
    expect(designOf(retired.verdict)).toEqual({ before: { escaped: 5, total: 10 }, after: { escaped: 4, total: 20 } });
    const pooled = (await sut.http().get('/api/v1/metrics/adoption-impact?practice=context-aware-development').expect(200)).body;
    expect(designOf(pooled.verdict)).toEqual({ before: { escaped: 5, total: 10 }, after: { escaped: 4, total: 20 } });
    const tooLong = await sut.http().get(`/api/v1/metrics/adoption-impact?adoption=${adoptionId}&windowDays=120`).expect(400);
    expect(tooLong.body.detail).toContain('retirement on 2026-04-22');
  });

  it('runs the primary analysis recorded on the adoption, and labels any other exploratory', async () => {
    const team = (await sut.http().post('/api/v1/teams').send({ name: 'Recorded' }).expect(201)).body;
    await sut.http().post('/api/v1/services').send({ name: 'recorded-api', teamId: team.id }).expect(201);
    const primaryAnalysis = { findingClass: 'pattern', boundary: 'production', horizonRule: '30d', minimalImportantDifference: 0.2 };
    await sut.http().post('/api/v1/adoptions').send({ teamId: team.id, practice: 'recorded-practice', startedAt: '2026-03-01', primaryAnalysis }).expect(201);
    const primary = (await sut.http().get('/api/v1/metrics/adoption-impact?practice=recorded-practice').expect(200)).body.verdict;
    expect(primary).toMatchObject({ analysis: 'primary', exploratorySettings: [], primaryAnalysis, boundary: 'production', primaryClass: 'pattern', minimalImportantDifference: 0.2 });
    expect(primary.horizon).toMatchObject({ horizonDays: 30, rule: { kind: 'days', days: 30 }, estimated: false });
    expect(primary.classes[0].findingClass).toBe('pattern');
    const same = (await sut.http().get('/api/v1/metrics/adoption-impact?practice=recorded-practice&boundary=production&horizonDays=30').expect(200)).body.verdict;
    expect(same.analysis).toBe('primary');
    const other = (await sut.http().get('/api/v1/metrics/adoption-impact?practice=recorded-practice&boundary=ci&class=all').expect(200)).body.verdict;
    expect(other).toMatchObject({ analysis: 'exploratory', exploratorySettings: ['class', 'boundary'], boundary: 'ci', primaryClass: 'all', primaryAnalysis });
    // Every finding as the lead class, Holm-adjusted with the three classes.
    expect(other.classes.map((c: { findingClass: string }) => c.findingClass)).toEqual(['all', 'design', 'pattern', 'unclassified']);
  });
});

/** The verdict's rows grouped from every finding, as the verdict read them before the rollup, against the rollup, both ways. */
const VERDICT_ROLLUP_MISMATCHES = `
  WITH derived AS (
    SELECT f.service_id, f.finding_class, (coalesce(f.introduced_at, f.first_detected_at) AT TIME ZONE 'UTC')::date AS cohort_day,
           f.introduced_at IS NULL AS fallback, (f.first_detected_at AT TIME ZONE 'UTC')::date AS detected_day, f.first_detected_stage, count(*)::int AS n
      FROM findings f WHERE f.status NOT IN ('suppressed', 'false_positive')
     GROUP BY 1, 2, 3, 4, 5, 6
  ), stored AS (SELECT service_id, finding_class, cohort_day, fallback, detected_day, first_detected_stage, n FROM verdict_rollups)
  SELECT 'missing' AS what, d.* FROM (SELECT * FROM derived EXCEPT SELECT * FROM stored) d
  UNION ALL
  SELECT 'extra', s.* FROM (SELECT * FROM stored EXCEPT SELECT * FROM derived) s`;

describe('the verdict’s rollup', () => {
  let sut: TestApp;
  beforeAll(async () => {
    sut = await startTestApp();
    await resetDatabase(sut);
  });
  afterAll(() => sut.close());

  it('equals the counted findings grouped as the verdict reads them, through stores, re-detections, reclassification, status changes and removals', async () => {
    const expectRollupEqual = async (step: string) => expect({ step, mismatches: await sut.sql(VERDICT_ROLLUP_MISMATCHES) }).toEqual({ step, mismatches: [] });
    const findings = Array.from({ length: 12 }, (_, i) =>
      aFinding({
        service: i % 3 ? 'adopter-api' : 'control-api',
        fingerprint: `v-${i}`,
        cweIds: i % 2 ? [862] : [79],
        introducedAt: i % 4 ? `2026-01-${String(1 + i).padStart(2, '0')}T00:00:00Z` : undefined,
        detectedAt: `2026-02-${String(1 + (i % 5)).padStart(2, '0')}T12:00:00Z`,
        stage: i % 3 === 0 ? 'production' : 'ci',
      }),
    );
    await sut.http().post('/api/v1/findings').send(findings).expect(200);
    await expectRollupEqual('stored');
    // Found again earlier, at an earlier stage, and the introduction found in blame: first detection and cohort move.
    await sut
      .http()
      .post('/api/v1/findings')
      .send([
        { ...findings[0], detectedAt: '2026-01-20T00:00:00Z', stage: 'code_review' },
        { ...findings[1], introducedAt: '2025-12-01T00:00:00Z' },
      ])
      .expect(200);
    await expectRollupEqual('found again');
    const [{ id }] = await sut.sql<{ id: string }>(`SELECT id FROM findings WHERE fingerprint = 'v-2'`);
    await sut.http().put(`/api/v1/findings/${id}/classification`).send({ findingClass: 'pattern', reason: 'A missing encoder' }).expect(204);
    await expectRollupEqual('reclassified');
    // Statuses and removals are written as the ingest and retention write them.
    await sut.sql(`UPDATE findings SET status = 'suppressed' WHERE fingerprint IN ('v-3', 'v-4')`);
    await expectRollupEqual('suppressed');
    await sut.sql(`UPDATE findings SET status = 'open' WHERE fingerprint = 'v-3'`);
    await expectRollupEqual('reopened');
    await sut.sql(`DELETE FROM findings WHERE fingerprint IN ('v-5', 'v-6')`);
    await expectRollupEqual('removed');
    await sut.sql(`DELETE FROM findings`);
    expect(await sut.sql(`SELECT count(*)::int AS n FROM verdict_rollups`)).toEqual([{ n: 0 }]);
  });

  it('raises the data version of exactly the services whose verdict inputs a statement changed', async () => {
    const versions = async () =>
      Object.fromEntries(
        (await sut.sql<{ name: string; version: string }>(`SELECT s.name, v.version::text AS version FROM verdict_data_versions v JOIN services s ON s.id = v.service_id`)).map((r) => [r.name, Number(r.version)]),
      );
    const before = await versions();
    await sut.http().post('/api/v1/findings').send([aFinding({ service: 'adopter-api', fingerprint: 'versioned-1' }), aFinding({ service: 'adopter-api', fingerprint: 'versioned-2' })]).expect(200);
    const stored = await versions();
    expect(stored['adopter-api']).toBe((before['adopter-api'] ?? 0) + 1);
    expect(stored['control-api']).toBe(before['control-api']);
    // A title is not read by the verdict: no new version. A status is.
    await sut.sql(`UPDATE findings SET title = 'Renamed' WHERE fingerprint = 'versioned-1'`);
    expect(await versions()).toEqual(stored);
    await sut.sql(`UPDATE findings SET status = 'suppressed' WHERE fingerprint = 'versioned-1'`);
    expect((await versions())['adopter-api']).toBe(stored['adopter-api'] + 1);
    await sut.sql(`DELETE FROM findings WHERE fingerprint = 'versioned-2'`);
    expect((await versions())['adopter-api']).toBe(stored['adopter-api'] + 2);
  });
});

/** Every counted finding of a service with a team, one by one, as the verdict's domain input: no rollup, no grouping. */
const VERDICT_FINDINGS = `
  SELECT f.service_id AS unit, s.team_id AS team, f.finding_class::text AS "findingClass",
         to_char(coalesce(f.introduced_at, f.first_detected_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS "cohortDate",
         f.introduced_at IS NULL AS "cohortDateIsFallback", to_char(f.first_detected_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS "firstDetectedAt",
         f.first_detected_stage::text AS "firstStage"
    FROM findings f JOIN services s ON s.id = f.service_id
   WHERE s.team_id IS NOT NULL AND f.status NOT IN ('suppressed', 'false_positive')`;

describe('the verdict from counts the database groups', () => {
  let sut: TestApp;
  let adoptionId: string;
  let adopters: string[];
  beforeAll(async () => {
    sut = await startTestApp();
    await resetDatabase(sut);
    const teams = [];
    for (const name of ['North', 'South', 'East', 'West']) teams.push((await sut.http().post('/api/v1/teams').send({ name }).expect(201)).body);
    const services: string[] = [];
    teams.forEach((_, t) => services.push(`svc-${t}-a`, `svc-${t}-b`));
    for (const [i, name] of services.entries()) await sut.http().post('/api/v1/services').send({ name, teamId: teams[Math.floor(i / 2)].id }).expect(201);
    adoptionId = (await sut.http().post('/api/v1/adoptions').send({ teamId: teams[0].id, practice: 'grouped-counts', startedAt: '2025-12-01' }).expect(201)).body.id;
    await sut.http().post('/api/v1/adoptions').send({ teamId: teams[1].id, practice: 'grouped-counts', startedAt: '2026-02-01' }).expect(201);
    adopters = services.slice(0, 4);
    // A seeded spread: cohorts over 18 months, detection delays 0–80 days at every stage, a fifth without an
    // introduction date (fallback), some suppressed, both classes.
    let seed = 42;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
    const stages = ['code_review', 'ci', 'pre_release', 'production'];
    const body = Array.from({ length: 900 }, (_, i) => {
      const introduced = Date.parse('2025-03-01T00:00:00Z') + Math.floor(random() * 540) * 86_400_000;
      const delay = Math.floor(random() * random() * 80);
      return aFinding({
        service: services[i % services.length],
        fingerprint: `grouped-${i}`,
        cweIds: random() < 0.5 ? [862] : [79],
        introducedAt: random() < 0.2 ? undefined : new Date(introduced).toISOString(),
        detectedAt: new Date(introduced + delay * 86_400_000 + 3_600_000).toISOString(),
        stage: stages[Math.floor(random() * stages.length)],
        status: random() < 0.05 ? 'suppressed' : 'open',
      });
    });
    await sut.http().post('/api/v1/findings').send(body).expect(200);
  });
  afterAll(() => sut.close());

  /** The verdict the domain computes from every finding read one by one, for these adoptions and settings. */
  async function expectedVerdict(analysed: number[], primaryClass: string, boundary: DetectionStage, horizon: HorizonRule, teamNames?: string[]) {
    const now = new Date().toISOString().slice(0, 10);
    const findings = teamNames
      ? await sut.sql<VerdictFinding>(`${VERDICT_FINDINGS} AND s.team_id IN (SELECT id FROM teams WHERE name = ANY($1::text[]))`, [teamNames])
      : await sut.sql<VerdictFinding>(VERDICT_FINDINGS);
    const services = await sut.sql<{ id: string; name: string }>(`SELECT id, name FROM services`);
    const idOf = (name: string) => services.find((s) => s.name === name)!.id;
    const adoptions = await sut.sql<{ id: string; started_at: string }>(`SELECT id, to_char(started_at, 'YYYY-MM-DD') AS started_at FROM adoptions ORDER BY started_at`);
    const units = [adopters.slice(0, 2).map(idOf), adopters.slice(2).map(idOf)];
    const verdict = adoptionVerdict({
      findings,
      adoptions: analysed.map((i) => ({ id: adoptions[i].id, units: units[i], startedAt: adoptions[i].started_at, retiredAt: null })),
      otherAdoptions: [0, 1].filter((i) => !analysed.includes(i)).flatMap((i) => units[i].map((unit) => ({ unit, startedAt: adoptions[i].started_at }))),
      settings: {
        primaryClass,
        boundary,
        classes: primaryClass === ALL_CLASSES ? [ALL_CLASSES, ...FINDING_CLASSES] : FINDING_CLASSES,
        minimalImportantDifference: 0.1,
        draws: 2_000,
      },
      horizon,
      now,
    });
    return { verdict: JSON.parse(JSON.stringify(verdict)), adoptionIds: analysed.map((i) => adoptions[i].id) };
  }

  /** The verdict as answered, without what the API adds around the domain's result. */
  async function answeredVerdict(query: string, http = sut.http()) {
    const { adoptions, analysis: _analysis, primaryAnalysis: _primary, exploratorySettings: _exploratory, ...verdict } = (
      await http.get(`/api/v1/metrics/adoption-impact?${query}`).expect(200)
    ).body.verdict;
    return { verdict, adoptionIds: adoptions.map((a: { id: string }) => a.id) };
  }

  it.each([
    ['one adoption, its primary analysis', (): string => `adoption=${adoptionId}`, [0], 'design', 'ci', DEFAULT_HORIZON_RULE],
    ['the practice pooled, every class, production, a fixed horizon', (): string => 'practice=grouped-counts&class=all&boundary=production&horizonDays=20', [0, 1], ALL_CLASSES, 'production', { kind: 'days', days: 20 }],
  ] as const)('equals the domain verdict over every finding read one by one: %s', async (_, query, analysed, primaryClass, boundary, horizon) => {
    const answered = await answeredVerdict(query());
    expect(answered).toEqual(await expectedVerdict([...analysed], primaryClass, boundary, horizon));
    // Not vacuous: the horizon was estimated or fixed over real escapes, and the primary class was tested.
    expect(answered.verdict.horizon.escapes).toBeGreaterThan(10);
    expect(answered.verdict.classes[0].counts.treated.before.total).toBeGreaterThan(0);
  });

  it('equals the domain verdict over the findings of the teams a team-limited caller sees', async () => {
    const teams = await sut.sql<{ id: string; name: string }>(`SELECT id, name FROM teams WHERE name IN ('North', 'East', 'West')`);
    const manager = await sut.asUser({ role: 'manager', teamIds: teams.map((t) => t.id) });
    const answered = await answeredVerdict(`adoption=${adoptionId}`, manager.http);
    expect(answered).toEqual(await expectedVerdict([0], 'design', 'ci', DEFAULT_HORIZON_RULE, ['North', 'East', 'West']));
    expect(answered.verdict.units).toBe(6);
  });

  it('answers again from the verdict kept for unchanged data, and recomputes once a write or a reclassification changes its findings', async () => {
    const query = `adoption=${adoptionId}`;
    const first = await answeredVerdict(query);
    expect(await answeredVerdict(query)).toEqual(first);
    // Escapes of an adopter after the adoption: the counts move, and the answer with them.
    const escapes = Array.from({ length: 30 }, (_, i) =>
      aFinding({ service: adopters[i % 2], fingerprint: `late-${i}`, cweIds: [862], introducedAt: '2026-01-10T00:00:00Z', detectedAt: '2026-01-12T00:00:00Z', stage: 'production' }),
    );
    await sut.http().post('/api/v1/findings').send(escapes).expect(200);
    const afterWrite = await answeredVerdict(query);
    expect(afterWrite.verdict.classes[0].counts).not.toEqual(first.verdict.classes[0].counts);
    expect(afterWrite).toEqual(await expectedVerdict([0], 'design', 'ci', DEFAULT_HORIZON_RULE));
    // Reclassifying one finding (an update of a column the verdict reads) is a change too.
    const [{ id }] = await sut.sql<{ id: string }>(`SELECT id FROM findings WHERE fingerprint = 'late-0'`);
    await sut.http().put(`/api/v1/findings/${id}/classification`).send({ findingClass: 'pattern', reason: 'An unescaped parameter' }).expect(204);
    const afterReclassification = await answeredVerdict(query);
    expect(afterReclassification.verdict.classes[0].counts).not.toEqual(afterWrite.verdict.classes[0].counts);
    expect(afterReclassification).toEqual(await expectedVerdict([0], 'design', 'ci', DEFAULT_HORIZON_RULE));
  });
});
