import { demoFindings, demoThreatModels, type FindingDetailDto, type GapPoint, type GapsResponse } from '@escapement/domain';
import { DemoSeeder } from '../../apps/api/src/demo/demo-seeder';
import { listsDifferingFromLinks } from '../support/finding-pages';
import { derivedGapChart, rowsOf, STORED_GAP_MISMATCHES } from '../support/stored-gaps';
import { resetDatabase, startTestApp, type TestApp } from '../support/test-app';

/** The demo as a first start loads it, with its threat models, checked through the API the dashboard reads. */
describe('the demo organisation with its threat models', () => {
  const options = { findings: 1500, end: new Date('2026-06-30T00:00:00Z') };
  let sut: TestApp;
  let seeder: DemoSeeder;

  beforeAll(async () => {
    sut = await startTestApp();
    await resetDatabase(sut);
    seeder = sut.app.get(DemoSeeder);
    expect(await seeder.seedIfEmpty(options)).toBe(true);
  });
  afterAll(() => sut.close());

  it('has a model with two versions for every modelled service', async () => {
    const models = (await sut.http().get('/api/v1/threat-models').expect(200)).body as { id: string; service: string; latestVersion: number }[];
    const modelled = demoThreatModels(options).map((model) => model.service);
    expect(models.map((model) => model.service).sort()).toEqual([...modelled].sort());
    expect(models.every((model) => model.latestVersion === 2)).toBe(true);
    const payments = models.find((model) => model.service === 'payments-api')!;
    const detail = (await sut.http().get(`/api/v1/threat-models/${payments.id}`).expect(200)).body;
    const [first, second] = detail.versions as { effectiveFrom: string; counts: { components: number; threats: number; trustZones: number } }[];
    expect(first.effectiveFrom < second.effectiveFrom).toBe(true);
    expect(second.counts.threats).toBeGreaterThan(first.counts.threats);
    expect(second.counts).toMatchObject({ components: first.counts.components, trustZones: 5 });
  });

  it('shows context gaps, model gaps and unmodelled escapes', async () => {
    const gaps = (await sut.http().get('/api/v1/metrics/gaps?groupBy=total').expect(200)).body as GapsResponse;
    const points = gaps.series.flatMap((series) => series.points);
    const total = (kind: Exclude<keyof GapPoint, 'period'>) => points.reduce((sum, point) => sum + point[kind], 0);
    expect({ context: total('contextGap') > 0, model: total('modelGap') > 0, unmodelled: total('unmodelled') > 0 }).toEqual({ context: true, model: true, unmodelled: true });
  });

  it('stores every finding’s gap as finding_gaps works it out, and charts the same counts as every finding gives', async () => {
    expect(await sut.sql(STORED_GAP_MISMATCHES)).toEqual([]);
    for (const groupBy of ['total', 'layer', 'component'] as const) {
      const chart = (await sut.http().get(`/api/v1/metrics/gaps?groupBy=${groupBy}&bucket=month&boundary=ci`).expect(200)).body as GapsResponse;
      const fromChart = chart.series.flatMap((s) => s.points.filter((p) => p.escaped > 0).map((p) => [s.key, p.period, p.contextGap, p.modelGap, p.unmodelled]));
      expect(fromChart).toEqual(rowsOf(await sut.sql(derivedGapChart(groupBy, 'ci'))));
    }
  });

  it('lists the findings of each gap and each component as the links give them, page after page, both ways', async () => {
    expect(await listsDifferingFromLinks(sut, 40)).toEqual([]);
  });

  it('links findings to a component and the threats they realise', async () => {
    const [{ finding_id: id }] = await sut.sql<{ finding_id: string }>(
      `SELECT l.finding_id FROM finding_links l JOIN finding_gaps g ON g.finding_id = l.finding_id
        WHERE l.threat_key <> '' AND g.gap = 'context_gap' ORDER BY l.finding_id LIMIT 1`,
    );
    const finding = (await sut.http().get(`/api/v1/findings/${id}`).expect(200)).body as FindingDetailDto;
    expect(finding.gap).toBe('context_gap');
    const withThreat = finding.links.find((link) => link.threat !== null)!;
    expect(withThreat.component).toEqual({ key: expect.any(String), name: expect.any(String), layer: expect.any(String) });
    expect(withThreat.threat).toMatchObject({ key: expect.any(String), title: expect.any(String), firstEffectiveFrom: expect.any(String) });
    expect(finding.links.some((link) => link.threat === null && link.component.key === withThreat.component.key)).toBe(true);
  });

  it('links most findings, and gives them a PWNISMS layer', async () => {
    const [counts] = await sut.sql<{ total: number; linked: number; layered: number }>(
      `SELECT count(*)::int AS total,
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM finding_links l WHERE l.finding_id = f.id))::int AS linked,
              count(*) FILTER (WHERE f.layer IS NOT NULL)::int AS layered
         FROM findings f`,
    );
    // Of the 1500 flaws introduced, those already found by the end of the window.
    expect(counts.total).toBe([...demoFindings(options)].length);
    expect(counts.total).toBeGreaterThan(1300);
    expect(counts.linked / counts.total).toBeGreaterThan(0.75);
    expect(counts.layered / counts.total).toBeGreaterThan(0.9);
  });

  it('seeds once: a second start leaves it alone, and loading it again adds no model versions', async () => {
    expect(await seeder.seedIfEmpty(options)).toBe(false);
    await seeder.seed(options);
    const [{ versions }] = await sut.sql<{ versions: number }>(`SELECT count(*)::int AS versions FROM threat_model_versions`);
    expect(versions).toBe(2 * demoThreatModels(options).length);
  });
});
