import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { rateWithCounts, VERDICT_HEADLINES, type TeamReportDto } from '@escapement/domain';
import { DemoSeeder } from '../../apps/api/src/demo/demo-seeder';
import { binaryBody } from '../support/binary-body';
import { escapementAsync } from '../support/cli';
import { pdfText } from '../support/pdf-text';
import { listenLocally, resetDatabase, startTestApp, type TestApp } from '../support/test-app';


const squash = (text: string) => text.replace(/\s+/g, ' ');

/**
 * The team report over the demo organisation: its figures equal the metric APIs', its PDF opens with
 * three pages holding the same headline figures, the CLI saves it, and team limits and audit apply.
 * Also the metric exports, whose files hold the metric APIs' own figures.
 */
describe('reports and metric exports', () => {
  let sut: TestApp;
  let payments: { id: string };
  beforeAll(async () => {
    sut = await startTestApp();
    await resetDatabase(sut);
    await sut.app.get(DemoSeeder).seed({ seed: 11, findings: 3_000 });
    [payments] = await sut.sql<{ id: string }>(`SELECT id FROM teams WHERE name = 'Payments'`);
  }, 300_000);
  afterAll(() => sut.close());

  it('gives headline figures equal to the escape-rate API over the same period', async () => {
    const report = (await sut.http().get('/api/v1/reports/team?team=Payments&quarter=2026-Q3').expect(200)).body as TeamReportDto;
    expect(report).toMatchObject({ team: 'Payments', teamId: payments.id, period: { from: '2026-07-01', to: '2026-10-01', label: '2026-Q3' }, previousPeriod: { label: '2026-Q2' } });
    for (const [period, side] of [[report.period, 'current'], [report.previousPeriod, 'previous']] as const) {
      const rates = (await sut.http().get(`/api/v1/metrics/escape-rate?groupBy=class&bucket=month&team=${payments.id}&from=${period.from}&to=${period.to}`).expect(200)).body;
      const points = rates.series.flatMap((s: { points: { total: number; escaped: number }[] }) => s.points);
      const total = points.reduce((n: number, p: { total: number }) => n + p.total, 0);
      const escaped = points.reduce((n: number, p: { escaped: number }) => n + p.escaped, 0);
      expect(report.headline.all[side]).toMatchObject({ findings: total, escaped });
      const design = rates.series.find((s: { key: string }) => s.key === 'design').points;
      expect(report.headline.design[side].escaped).toBe(design.reduce((n: number, p: { escaped: number }) => n + p.escaped, 0));
    }
    expect(report.headline.all.current.findings).toBeGreaterThan(50);
    expect(report.trend.series.map((s) => s.key)).toEqual(expect.arrayContaining(['design', 'pattern']));
    expect(report.trend.adoptions.every((a) => a.team === 'Payments')).toBe(true);
    expect(report.verdict.subject).toContain('Payments adopted');
    expect(report.nextSteps.length).toBeGreaterThan(0);
  });

  it('renders a three-page PDF without a browser: fonts embedded, charts as vectors, the same figures', async () => {
    const response = await sut.http().get('/api/v1/reports/team.pdf?team=Payments&from=2026-07-01&to=2026-10-01').buffer(true).parse(binaryBody).expect(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toMatch(/filename="escapement-report-2026-q3-payments-\d{4}-\d{2}-\d{2}\.pdf"/);
    const pdf = response.body as Buffer;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const raw = pdf.toString('latin1');
    expect(raw).toContain('/FontFile2');
    expect(raw).not.toMatch(/\/BaseFont \/Helvetica/);
    expect(raw).not.toContain('/Subtype /Image');
    if (process.env.ESCAPEMENT_REPORT_SAMPLE) fs.writeFileSync(process.env.ESCAPEMENT_REPORT_SAMPLE, pdf);

    const report = (await sut.http().get('/api/v1/reports/team?team=Payments&from=2026-07-01&to=2026-10-01').expect(200)).body as TeamReportDto;
    const { pages, text } = pdfText(pdf);
    expect(pages).toBe(3);
    for (const heading of ['Headline', 'Has the practice worked?', 'What to look at next', 'Escape-rate trend by class', 'Change-context coverage', 'Components that leak most', 'Open escaped design-level findings', 'Cost of escapes']) {
      expect(text).toContain(heading);
    }
    expect(text).toContain(rateWithCounts(report.headline.all.current));
    expect(text).toContain(rateWithCounts(report.headline.all.previous));
    expect(text).toContain(rateWithCounts(report.headline.design.current));
    expect(text).toContain(`Production escapes ${report.headline.productionEscapes.current} ${report.headline.productionEscapes.previous}`);
    if (report.verdict.code) expect(text).toContain(VERDICT_HEADLINES[report.verdict.code]);
    for (const step of report.nextSteps) expect(text).toContain(squash(step).slice(0, 40));
    for (const component of report.components) expect(text).toContain(`${component.escaped} escapes: ${component.contextGap} context, ${component.modelGap} model`);
  });

  it('draws team, service, component and finding names in Cyrillic, Greek, Chinese, Japanese and Korean', async () => {
    const before = (await sut.http().get('/api/v1/reports/team?team=Payments&quarter=2026-Q3').expect(200)).body as TeamReportDto;
    const [item, other] = before.openDesignEscapes.items;
    expect(other).toBeDefined();
    const names = { team: 'Платёжная команда Ωμέγα', service: '支付服务', title: 'Обход проверки подписи — 署名検証の回避', korean: '결제 서명 검증 우회' };
    const titles = await sut.sql<{ id: string; title: string }>(`SELECT id, title FROM findings WHERE id = ANY ($1::uuid[])`, [[item.id, other.id]]);
    await sut.sql(`UPDATE teams SET name = $1 WHERE id = $2`, [names.team, payments.id]);
    await sut.sql(`UPDATE services SET name = $1 WHERE name = $2`, [names.service, item.service]);
    await sut.sql(`UPDATE findings SET title = $1 WHERE id = $2`, [names.title, item.id]);
    await sut.sql(`UPDATE findings SET title = $1 WHERE id = $2`, [names.korean, other.id]);
    try {
      const pdf = (await sut.http().get(`/api/v1/reports/team.pdf?team=${payments.id}&quarter=2026-Q3`).buffer(true).parse(binaryBody).expect(200)).body as Buffer;
      if (process.env.ESCAPEMENT_REPORT_SAMPLE) fs.writeFileSync(process.env.ESCAPEMENT_REPORT_SAMPLE.replace(/\.pdf$/, '-non-latin.pdf'), pdf);
      const report = (await sut.http().get(`/api/v1/reports/team?team=${payments.id}&quarter=2026-Q3`).expect(200)).body as TeamReportDto;
      expect(report.team).toBe(names.team);
      expect(report.openDesignEscapes.items.find((f) => f.id === item.id)).toMatchObject({ title: names.title, service: names.service });
      const component = report.components.find((c) => c.component.startsWith(`${names.service} / `));
      // Lines wrap wherever the layout puts them, and a wrap inside Chinese or Japanese text leaves no space to collapse.
      const text = pdfText(pdf).text.replace(/\s+/g, '');
      const bare = (words: string) => words.replace(/\s+/g, '');
      expect(text).toContain(bare(names.team));
      expect(text).toContain(bare(names.title));
      expect(text).toContain(bare(names.korean));
      expect(text).toContain(bare(names.service));
      if (component) expect(text).toContain(bare(component.component));
      // Both faces are embedded as TrueType subsets.
      const raw = pdf.toString('latin1');
      expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans/);
      expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansSC/);
      expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansKR/);
    } finally {
      await sut.sql(`UPDATE teams SET name = 'Payments' WHERE id = $1`, [payments.id]);
      await sut.sql(`UPDATE services SET name = $1 WHERE name = $2`, [item.service, names.service]);
      for (const { id, title } of titles) await sut.sql(`UPDATE findings SET title = $1 WHERE id = $2`, [title, id]);
    }
  });

  it('is saved by the command line for a team and quarter, with an export token', async () => {
    const url = await listenLocally(sut);
    const token = await sut.asToken({ scopes: ['export'], name: 'report-job' });
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'escapement-report-'));
    const target = path.join(folder, 'report.pdf');
    const run = await escapementAsync(['report', '--team', 'Payments', '--quarter', '2026-Q3', '-o', target, '--url', url, '--token', token.secret]);
    expect(run.stderr).toContain(`wrote ${target}`);
    expect(run.status).toBe(0);
    expect((pdfText(fs.readFileSync(target))).pages).toBe(3);
    const [event] = await sut.sql<{ actor: string; details: { from: string; team: string } }>(`SELECT actor, details FROM audit_events WHERE action = 'report.rendered' ORDER BY id DESC LIMIT 1`);
    expect(event).toMatchObject({ actor: 'token:report-job', details: { from: '2026-07-01', team: 'Payments' } });
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('limits a team-limited manager to their teams, and refuses bad periods with a 400', async () => {
    const manager = await sut.asUser({ role: 'manager', teamIds: [payments.id] });
    const own = (await manager.http.get('/api/v1/reports/team?quarter=2026-Q3').expect(200)).body as TeamReportDto;
    const teamReport = (await sut.http().get('/api/v1/reports/team?team=Payments&quarter=2026-Q3').expect(200)).body as TeamReportDto;
    expect(own.title).toContain('Your teams');
    expect(own.headline.all.current.findings).toBe(teamReport.headline.all.current.findings);
    expect((await manager.http.get('/api/v1/reports/team.pdf?team=Identity').expect(400)).body.errors[0].parameter).toBe('team');
    await sut.http().get('/api/v1/reports/team?quarter=2026-Q5').expect(400);
    await sut.http().get('/api/v1/reports/team?from=2026-10-01&to=2026-07-01').expect(400);
    await sut.http().get('/api/v1/reports/team?from=2026-07-01').expect(400);
    const writer = await sut.asToken({ scopes: ['findings:write'] });
    await writer.http.get('/api/v1/reports/team.pdf').expect(403);
  });

  it('exports the escape-rate series as CSV with the API’s figures, row for row', async () => {
    const query = `groupBy=class&bucket=month&team=${payments.id}&from=2026-01-01&to=2026-10-01`;
    const api = (await sut.http().get(`/api/v1/metrics/escape-rate?${query}`).expect(200)).body;
    const response = await sut.http().get(`/api/v1/exports/escape-rate?format=csv&${query.replace(payments.id, 'Payments')}`).buffer(true).parse(binaryBody).expect(200);
    expect(response.headers['content-disposition']).toContain('escapement-escape-rate-payments-');
    const rows: Record<string, string>[] = parse(response.body as Buffer, { bom: true, columns: true });
    const expected = api.series.flatMap((s: { key: string; points: { period: string; total: number; escaped: number }[] }) => s.points.map((p) => [s.key, p.period, String(p.total), String(p.escaped)]));
    expect(rows.map((r) => [r.class, r.period, r.findings, r.escaped])).toEqual(expected);
  });

  it('exports the adoption verdict, containment and change context as JSON, CSV and XLSX', async () => {
    const verdictApi = (await sut.http().get(`/api/v1/metrics/adoption-impact?team=${payments.id}`).expect(200)).body;
    const verdictJson = (await sut.http().get('/api/v1/exports/adoption-impact?format=json&team=Payments').expect(200)).body;
    expect(verdictJson.verdict.classes.map((c: { estimate: number }) => c.estimate)).toEqual(verdictApi.verdict.classes.map((c: { estimate: number }) => c.estimate));
    const verdictCsv: Record<string, string>[] = parse((await sut.http().get('/api/v1/exports/adoption-impact?format=csv&team=Payments').buffer(true).parse(binaryBody).expect(200)).body, { bom: true, columns: true });
    expect(verdictCsv.map((r) => r.verdict)).toEqual(verdictApi.verdict.classes.map((c: { verdict: { code: string } }) => c.verdict.code));

    const containment = (await sut.http().get('/api/v1/metrics/containment?groupBy=class').expect(200)).body;
    const containmentCsv: Record<string, string>[] = parse((await sut.http().get('/api/v1/exports/containment?format=csv&groupBy=class').buffer(true).parse(binaryBody).expect(200)).body, { bom: true, columns: true });
    expect(containmentCsv.map((r) => [r.class, Number(r.findings)])).toEqual(containment.rows.map((r: { key: string; total: number }) => [r.key, r.total]));

    const xlsx = await sut.http().get('/api/v1/exports/change-context?format=xlsx&team=Payments').buffer(true).parse(binaryBody).expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Change context', 'Coverage']);
    const metric = (await sut.http().get(`/api/v1/metrics/change-context?team=${payments.id}`).expect(200)).body;
    expect(workbook.getWorksheet('Coverage')!.actualRowCount - 1).toBe(metric.coverage.length);
    await sut.http().get('/api/v1/exports/containment?format=sarif').expect(400);
  });
});
