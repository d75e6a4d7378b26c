import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import * as fs from 'node:fs';
import type { Page } from 'playwright-core';
import type { EscapeRateResponse, FindingDto, Page as ApiPage } from '@escapement/domain';
import { describeWithBrowser, useDashboardSession, type DashboardSession } from './support/dashboard-session';

const CONTENT_TYPES: Record<string, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json; charset=utf-8',
  sarif: 'application/sarif+json; charset=utf-8',
};

/** One format's download from an export menu, as the browser saved it and as the server answered the same link. */
interface Exported {
  fileName: string;
  bytes: Buffer;
  contentType: string | undefined;
  /** The link's query, without the format: the filters the page passed on. */
  filters: URLSearchParams;
}

async function exportFrom(page: Page, name: string, format: string): Promise<Exported> {
  const link = page.getByTestId(`export-${name}-${format}`);
  const menu = page.locator('details.export-menu').filter({ has: link });
  if ((await menu.getAttribute('open')) === null) await menu.locator('summary').click();
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const bytes = fs.readFileSync((await download.path())!);
  const href = new URL((await link.getAttribute('href'))!, page.url());
  // The same link through the page's own session: a download event does not carry the response's headers.
  const response = await page.request.get(href.toString());
  expect(response.status()).toBe(200);
  const filters = href.searchParams;
  expect(filters.get('format')).toBe(format);
  filters.delete('format');
  return { fileName: download.suggestedFilename(), bytes, contentType: response.headers()['content-type'], filters };
}

/** The server names exports after what, whose and the day it made them, which is today when the spec ran. */
function expectFileName(fileName: string, what: string, extension: string, days: readonly string[]): void {
  const match = new RegExp(`^escapement-${what}-organisation-(\\d{4}-\\d{2}-\\d{2})\\.${extension}$`).exec(fileName);
  expect(match).not.toBeNull();
  expect(days).toContain(match![1]);
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Every finding the list answers for these filters, page after page. */
async function listAll(session: DashboardSession, filters: URLSearchParams): Promise<FindingDto[]> {
  const found: FindingDto[] = [];
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams(filters);
    query.set('limit', '500');
    if (cursor) query.set('cursor', cursor);
    const page: ApiPage<FindingDto> = await session.api<ApiPage<FindingDto>>(`/findings?${query}`);
    found.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return found;
}

async function xlsxDataRows(bytes: Buffer): Promise<number> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook.worksheets[0]!.actualRowCount - 1;
}

function csvRecords(bytes: Buffer): Record<string, string>[] {
  return parse(bytes.toString('utf8').replace(/^\uFEFF/, ''), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
}

describeWithBrowser()('export menus in a browser', () => {
  const session = useDashboardSession();

  it("downloads the findings page's filters in every format, each holding every finding the list has", async () => {
    const { page } = session;
    await page.goto(`${session.url}/findings?class=design&escaped=true`);
    await page.waitForSelector('[data-testid="findings-table"][aria-busy="false"] tbody tr');
    const day = today();

    const csv = await exportFrom(page, 'findings', 'csv');
    expect(Object.fromEntries(csv.filters)).toMatchObject({ class: 'design', escaped: 'true' });
    const listed = await listAll(session, csv.filters);
    // More than one page of the table: the export holds every row, not the page shown.
    expect(listed.length).toBeGreaterThan(50);
    expectFileName(csv.fileName, 'findings', 'csv', [day, today()]);
    expect(csv.contentType).toBe(CONTENT_TYPES.csv);
    const records = csvRecords(csv.bytes);
    expect(records).toHaveLength(listed.length);
    expect(records.map((record) => record.id).sort()).toEqual(listed.map((finding) => finding.id).sort());

    const xlsx = await exportFrom(page, 'findings', 'xlsx');
    expectFileName(xlsx.fileName, 'findings', 'xlsx', [day, today()]);
    expect(xlsx.contentType).toBe(CONTENT_TYPES.xlsx);
    expect(xlsx.bytes.subarray(0, 4).toString('hex')).toBe('504b0304');
    expect(await xlsxDataRows(xlsx.bytes)).toBe(listed.length);

    const json = await exportFrom(page, 'findings', 'json');
    expectFileName(json.fileName, 'findings', 'json', [day, today()]);
    expect(json.contentType).toBe(CONTENT_TYPES.json);
    const exported = JSON.parse(json.bytes.toString('utf8')) as FindingDto[];
    expect(exported.map((finding) => finding.id).sort()).toEqual(listed.map((finding) => finding.id).sort());

    const sarif = await exportFrom(page, 'findings', 'sarif');
    expectFileName(sarif.fileName, 'findings', 'sarif', [day, today()]);
    expect(sarif.contentType).toBe(CONTENT_TYPES.sarif);
    const log = JSON.parse(sarif.bytes.toString('utf8')) as { version: string; runs: { results: unknown[] }[] };
    expect(log.version).toBe('2.1.0');
    expect(log.runs.reduce((sum, run) => sum + run.results.length, 0)).toBe(listed.length);

    for (const filters of [xlsx.filters, json.filters, sarif.filters]) expect(filters.toString()).toBe(csv.filters.toString());
    expect(session.pageErrors).toEqual([]);
  });

  it("downloads the escape-rate chart's data as CSV, XLSX and the API's own JSON answer", async () => {
    const { page } = session;
    await page.goto(session.url);
    await page.waitForSelector('[data-testid="escape-rate-chart"][aria-busy="false"]');
    const day = today();

    const json = await exportFrom(page, 'escape-rate', 'json');
    expectFileName(json.fileName, 'escape-rate', 'json', [day, today()]);
    expect(json.contentType).toBe(CONTENT_TYPES.json);
    expect(Object.fromEntries(json.filters)).toMatchObject({ groupBy: 'class', bucket: 'month', boundary: 'ci' });
    const answer = await session.api<EscapeRateResponse>(`/metrics/escape-rate?${json.filters}`);
    expect(JSON.parse(json.bytes.toString('utf8'))).toEqual(answer);
    const points = answer.series.flatMap((series) => series.points.map((point) => ({ series: series.key, ...point })));
    expect(points.length).toBeGreaterThan(0);

    const csv = await exportFrom(page, 'escape-rate', 'csv');
    expectFileName(csv.fileName, 'escape-rate', 'csv', [day, today()]);
    expect(csv.contentType).toBe(CONTENT_TYPES.csv);
    const records = csvRecords(csv.bytes);
    expect(records).toHaveLength(points.length);
    records.forEach((record, index) => {
      expect(record.class).toBe(points[index]!.series);
      expect(record.period).toBe(points[index]!.period);
      expect(Number(record.findings)).toBe(points[index]!.total);
      expect(Number(record.escaped)).toBe(points[index]!.escaped);
    });

    const xlsx = await exportFrom(page, 'escape-rate', 'xlsx');
    expectFileName(xlsx.fileName, 'escape-rate', 'xlsx', [day, today()]);
    expect(xlsx.contentType).toBe(CONTENT_TYPES.xlsx);
    expect(await xlsxDataRows(xlsx.bytes)).toBe(points.length);
    expect(session.pageErrors).toEqual([]);
  });
});
