import '@microsoft/jest-sarif';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { FindingDto, Page } from '@escapement/domain';
import { binaryBody } from '../support/binary-body';
import { aFinding } from '../support/findings-fixture';
import { escapementAsync } from '../support/cli';
import { listenLocally, resetDatabase, startTestApp, type TestApp } from '../support/test-app';


/** Text that breaks naive CSV writers and that spreadsheets would run as formulas. */
const TRICKY_TITLES = [
  'Refund "endpoint", no owner check',
  'Line one\nline two\r\nline three',
  'Платёж без проверки владельца — 支払いの認可がない',
  '=HYPERLINK("http://evil.example","click")',
  '+SUM(A1:A9)',
  '-2+3',
  '@cmd',
];

/** Strips the apostrophe an export puts before formula-like text, to compare with what the API holds. */
const original = (cell: string) => (/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell);


describe('findings exports', () => {
  let sut: TestApp;
  let payments: { id: string };
  beforeAll(async () => {
    sut = await startTestApp();
  });
  beforeEach(async () => {
    await resetDatabase(sut);
    payments = (await sut.http().post('/api/v1/teams').send({ name: 'Payments' }).expect(201)).body;
    const billing = (await sut.http().post('/api/v1/teams').send({ name: 'Billing' }).expect(201)).body;
    await sut.http().post('/api/v1/services').send({ name: 'payments-api', teamId: payments.id }).expect(201);
    await sut.http().post('/api/v1/services').send({ name: 'billing-api', teamId: billing.id }).expect(201);
    const tricky = TRICKY_TITLES.map((title, i) =>
      aFinding({ title, fingerprint: `tricky-${i}`, ruleId: i === 3 ? '=rule' : `rule-${i}`, location: { repo: 'github.com/acme/payments-api', path: `src/платёж, "${i}".ts`, line: i + 1 }, sourceKind: i % 2 ? 'pentest' : 'sast', detectedAt: `2026-03-${String(10 + i).padStart(2, '0')}T12:00:00Z` }),
    );
    const more = Array.from({ length: 40 }, (_, i) => aFinding({ fingerprint: `plain-${i}`, title: `Plain finding ${i}`, cweIds: i % 3 ? [89] : [285, 639], severity: i % 5 ? 'medium' : 'critical' }));
    const billingFindings = Array.from({ length: 7 }, (_, i) => aFinding({ service: 'billing-api', fingerprint: `billing-${i}`, title: `Billing finding ${i}` }));
    await sut.http().post('/api/v1/findings').send([...tricky, ...more, ...billingFindings]).expect(200);
  });
  afterAll(() => sut.close());

  /** Every finding the list answers for a filter, page by page. */
  async function listAll(http: ReturnType<TestApp['http']>, filter: string): Promise<FindingDto[]> {
    const items: FindingDto[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: Page<FindingDto> } = await http.get(`/api/v1/findings?limit=7&${filter}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`).expect(200);
      items.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    return items;
  }

  it('writes CSV that a real parser reads back whole: BOM, quotes, commas, line breaks, non-Latin and formula-like text', async () => {
    const response = await sut.http().get('/api/v1/exports/findings?format=csv&team=Payments').buffer(true).parse(binaryBody).expect(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="escapement-findings-payments-\d{4}-\d{2}-\d{2}\.csv"/);
    const body = response.body as Buffer;
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);

    const rows: Record<string, string>[] = parse(body, { bom: true, columns: true });
    const listed = await listAll(sut.http(), 'team=Payments');
    expect(rows).toHaveLength(listed.length);
    expect(rows).toHaveLength(TRICKY_TITLES.length + 40);
    const byId = new Map(listed.map((f) => [f.id, f]));
    for (const row of rows) {
      const finding = byId.get(row.id)!;
      expect(original(row.title)).toBe(finding.title);
      expect(original(row.rule_id)).toBe(finding.ruleId);
      expect(row.path).toBe(finding.location.path);
      expect(row.first_detected_at).toBe(finding.firstDetectedAt);
      expect(row.team).toBe('Payments');
      expect(row.service).toBe('payments-api');
    }
    // No formula-like cell reaches a spreadsheet as it is.
    for (const row of rows) for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    const titles = rows.map((r) => r.title);
    expect(titles).toEqual(expect.arrayContaining([`'=HYPERLINK("http://evil.example","click")`, `'+SUM(A1:A9)`, `'-2+3`, `'@cmd`, 'Line one\nline two\r\nline three', 'Платёж без проверки владельца — 支払いの認可がない']));
    expect(Object.keys(rows[0])).toEqual([
      'id', 'fingerprint', 'title', 'severity', 'class', 'class_reason', 'category', 'layer', 'first_detected_stage', 'escaped', 'gap',
      'first_detected_at', 'introduced_at', 'introduced_commit', 'status', 'source_kind', 'tool', 'rule_id', 'cwe_ids', 'service', 'team', 'repo', 'path', 'line',
    ]);
  });

  it('writes XLSX with typed cells, dates as dates, a frozen header, read back by exceljs', async () => {
    const response = await sut.http().get(`/api/v1/exports/findings?format=xlsx&service=payments-api&sort=title&order=asc`).buffer(true).parse(binaryBody).expect(200);
    expect(response.headers['content-disposition']).toContain('escapement-findings-payments-api-');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.body as ArrayBuffer);
    const sheet = workbook.getWorksheet('Findings')!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const headers = (sheet.getRow(1).values as string[]).slice(1);
    const col = (name: string) => headers.indexOf(name) + 1;
    expect(sheet.getRow(1).font?.bold).toBe(true);
    const listed = await listAll(sut.http(), 'service=payments-api&sort=title&order=asc');
    expect(sheet.actualRowCount - 1).toBe(listed.length);
    listed.forEach((finding, i) => {
      const row = sheet.getRow(i + 2);
      expect(row.getCell(col('id')).value).toBe(finding.id);
      // XML reads a carriage return in text as a line feed (docs/exports.md).
      expect(original(String(row.getCell(col('title')).value))).toBe(finding.title.replace(/\r\n?/g, '\n'));
      const detected = row.getCell(col('first_detected_at')).value;
      expect(detected).toBeInstanceOf(Date);
      expect((detected as Date).toISOString()).toBe(finding.firstDetectedAt);
      expect(row.getCell(col('line')).value).toBe(finding.location.line);
      expect(row.getCell(col('escaped')).value).toBe(['ci', 'pre_release', 'production'].includes(finding.firstDetectedStage as string));
    });
    const formulaCells = sheet.getColumn(col('title')).values.filter((v) => typeof v === 'object' && v !== null && 'formula' in v);
    expect(formulaCells).toEqual([]);
  });

  it('writes JSON equal to the list, and takes every filter of the list', async () => {
    const filter = 'team=Payments&severity=critical&cwe=639&escaped=true';
    const exported = (await sut.http().get(`/api/v1/exports/findings?format=json&${filter}`).expect(200)).body as FindingDto[];
    const listed = await listAll(sut.http(), filter);
    expect(listed.length).toBeGreaterThan(0);
    expect(exported).toEqual(listed.map((f) => ({ ...f, teamName: 'Payments' })));
    const byId = (await sut.http().get(`/api/v1/exports/findings?format=json&team=${payments.id}&severity=critical&cwe=639&escaped=true`).expect(200)).body;
    expect(byId).toEqual(exported);
  });

  it('writes valid SARIF 2.1.0 that, imported into a new service, gives the same findings', async () => {
    const response = await sut.http().get('/api/v1/exports/findings?format=sarif&team=Payments').buffer(true).parse(binaryBody).expect(200);
    const log = JSON.parse((response.body as Buffer).toString('utf8'));
    expect(log).toBeValidSarifLog();
    expect(log.runs.map((r: { tool: { driver: { name: string } } }) => r.tool.driver.name)).toEqual(['semgrep']);

    await sut.http().post('/api/v1/services').send({ name: 'payments-api-copy' }).expect(201);
    const imported = await sut.http().post('/api/v1/imports?service=payments-api-copy').set('content-type', 'application/sarif+json').serialize((body) => body as string).send(response.body);
    expect({ status: imported.status, body: imported.body }).toMatchObject({ status: 201, body: { status: 'completed' } });
    const strip = (f: FindingDto) => {
      const { id: _id, serviceId: _s, serviceName: _n, teamId: _t, ...rest } = f;
      return rest;
    };
    // The SARIF reader puts a title on one line, as for any SARIF upload.
    const source = (await listAll(sut.http(), 'service=payments-api&sort=title')).map(strip).map((f) => ({ ...f, title: (f.title as string).replace(/\s+/g, ' ') }));
    const copy = (await listAll(sut.http(), 'service=payments-api-copy&sort=title')).map(strip);
    expect(copy).toHaveLength(TRICKY_TITLES.length + 40);
    expect(copy).toEqual(source);
  });

  it('gives a team-limited manager their teams only, and answers another team’s name like an unknown one', async () => {
    const manager = await sut.asUser({ role: 'manager', teamIds: [payments.id] });
    const mine = (await manager.http.get('/api/v1/exports/findings?format=json').expect(200)).body as FindingDto[];
    expect(new Set(mine.map((f) => f.serviceName))).toEqual(new Set(['payments-api']));
    const other = await manager.http.get('/api/v1/exports/findings?format=json&team=Billing').expect(400);
    const unknown = await manager.http.get('/api/v1/exports/findings?format=json&team=Nobody').expect(400);
    expect(other.body.errors).toEqual([{ parameter: 'team', message: 'no team named "Billing"; give a team\'s id or exact name' }]);
    expect(unknown.body.errors[0].parameter).toBe('team');
    expect((await manager.http.get('/api/v1/findings?team=Billing').expect(400)).body.errors[0].parameter).toBe('team');
  });

  it('is granted by the export token scope, refused without it, and audited', async () => {
    const exporter = await sut.asToken({ scopes: ['export'], name: 'quarterly-export' });
    await exporter.http.get('/api/v1/exports/findings?format=csv').expect(200);
    await exporter.http.get('/api/v1/findings').expect(403);
    const writer = await sut.asToken({ scopes: ['findings:write'] });
    await writer.http.get('/api/v1/exports/findings?format=csv').expect(403);
    const [event] = await sut.sql<{ actor: string; action: string; details: { format: string; fileName: string; parameters: Record<string, string> } }>(
      `SELECT actor, action, details FROM audit_events WHERE action = 'export.findings' ORDER BY id DESC LIMIT 1`,
    );
    expect(event).toMatchObject({ actor: 'token:quarterly-export', action: 'export.findings', details: { format: 'csv', parameters: { format: 'csv' } } });
    expect(event.details.fileName).toMatch(/^escapement-findings-organisation-/);
  });

  it('refuses a bad format or filter with a 400 naming the parameter, before any file is sent', async () => {
    const bad = await sut.http().get('/api/v1/exports/findings?format=pdf').expect(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(JSON.stringify(bad.body)).toContain('format');
    await sut.http().get('/api/v1/exports/findings?format=csv&severity=urgent').expect(400);
    await sut.http().get('/api/v1/exports/findings?format=csv&cursor=x').expect(400);
  });

  it('is downloaded by the command line with the team named, to the file asked for', async () => {
    const url = await listenLocally(sut);
    const token = await sut.asToken({ scopes: ['export'] });
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'escapement-export-'));
    const target = path.join(folder, 'payments.xlsx');
    const run = await escapementAsync(['export', 'findings', '--format', 'xlsx', '--team', 'Payments', '-o', target, '--url', url, '--token', token.secret]);
    expect(run.stderr).toContain(`wrote ${target}`);
    expect(run.status).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(target);
    expect(workbook.getWorksheet('Findings')!.actualRowCount - 1).toBe(TRICKY_TITLES.length + 40);
    const refused = await escapementAsync(['export', 'findings', '--format', 'csv', '--team', 'Nobody', '-o', path.join(folder, 'x.csv'), '--url', url, '--token', token.secret]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('no team named "Nobody"');
    expect(fs.readdirSync(folder)).toEqual(['payments.xlsx']);
    fs.rmSync(folder, { recursive: true, force: true });
  });
});
