import { waitForBackgroundImports } from '../support/background-imports';
import { aFinding } from '../support/findings-fixture';
import type { HttpClient } from '../support/http-client';
import { resetDatabase, startTestApp, type TestApp } from '../support/test-app';

/** One sample of the Prometheus text exposition: `name{label="value",…} value`. */
interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The samples and the declared types of an exposition, parsed line by line as Prometheus reads them. */
function parseExposition(text: string): { samples: Sample[]; types: Map<string, string> } {
  const samples: Sample[] = [];
  const types = new Map<string, string>();
  for (const line of text.split('\n')) {
    const type = /^# TYPE (\S+) (\S+)$/.exec(line);
    if (type) types.set(type[1], type[2]);
    if (line === '' || line.startsWith('#')) continue;
    const sample = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!sample) throw new Error(`not an exposition line: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, name, value] of (sample[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[name] = value.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    samples.push({ name: sample[1], labels, value: Number(sample[3]) });
  }
  return { samples, types };
}

/** The sum of the samples named so whose labels include these (0 when there is none yet). */
function total(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  return samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)).reduce((sum, s) => sum + s.value, 0);
}

describe('operations metrics: a Prometheus endpoint for the people running the server', () => {
  let sut: TestApp;
  let scraper: HttpClient;

  const scrape = async (client: HttpClient = scraper) => {
    const response = await client.get('/api/metrics').expect(200);
    return parseExposition(response.text).samples;
  };

  beforeAll(async () => {
    sut = await startTestApp();
    await resetDatabase(sut);
    scraper = (await sut.asToken({ scopes: ['metrics:read'], name: 'prometheus' })).http;
  });
  afterAll(() => sut.close());

  it('answers a metrics:read token with the text exposition of every metric', async () => {
    const response = await scraper.get('/api/metrics').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain;/);
    expect(response.headers['content-type']).toContain('version=0.0.4');
    const { samples, types } = parseExposition(response.text);
    expect(Object.fromEntries([...types].filter(([name]) => name.startsWith('escapement_')))).toEqual({
      escapement_findings_ingested_total: 'counter',
      escapement_import_duration_seconds: 'histogram',
      escapement_http_request_duration_seconds: 'histogram',
      escapement_database_pool_connections: 'gauge',
      escapement_database_pool_idle_connections: 'gauge',
      escapement_database_pool_waiting_clients: 'gauge',
    });
    // prom-client's process and Node.js metrics.
    expect(types.get('process_cpu_user_seconds_total')).toBe('counter');
    expect(types.get('nodejs_heap_size_used_bytes')).toBe('gauge');
    expect(total(samples, 'process_resident_memory_bytes') + total(samples, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
  });

  it('counts each finding an import stores, by format and outcome, and times the import once', async () => {
    const findings = [1, 2, 3].map((n) => aFinding({ fingerprint: `fp-metrics-${n}`, ruleId: `rule-${n}` }));
    const before = await scrape();
    const first = await sut.http().post('/api/v1/imports').set('content-type', 'application/json').send(findings).expect(201);
    const format = first.body.format as string;
    const after = await scrape();
    expect(total(after, 'escapement_findings_ingested_total', { format }) - total(before, 'escapement_findings_ingested_total', { format })).toBe(3);
    expect(total(after, 'escapement_findings_ingested_total', { format, outcome: 'new' }) - total(before, 'escapement_findings_ingested_total', { format, outcome: 'new' })).toBe(3);
    const imports = (samples: Sample[]) => total(samples, 'escapement_import_duration_seconds_count', { format, status: 'completed' });
    expect(imports(after) - imports(before)).toBe(1);
    expect(total(after, 'escapement_import_duration_seconds_bucket', { format, status: 'completed', le: '+Inf' })).toBe(imports(after));

    // The same file again: three findings seen, none new.
    await sut.http().post('/api/v1/imports').set('content-type', 'application/json').send(findings).expect(201);
    const again = await scrape();
    expect(total(again, 'escapement_findings_ingested_total', { format, outcome: 'unchanged' }) - total(after, 'escapement_findings_ingested_total', { format, outcome: 'unchanged' })).toBe(3);
    expect(total(again, 'escapement_findings_ingested_total', { format, outcome: 'new' })).toBe(total(after, 'escapement_findings_ingested_total', { format, outcome: 'new' }));
    expect(imports(again) - imports(after)).toBe(1);
  });

  it('counts findings posted to the findings API, and a refused import as failed without findings', async () => {
    const before = await scrape();
    await sut.http().post('/api/v1/findings').send([aFinding({ fingerprint: 'fp-posted-1' }), aFinding({ fingerprint: 'fp-posted-2' })]).expect(200);
    const after = await scrape();
    expect(total(after, 'escapement_findings_ingested_total', { format: 'json', outcome: 'new' }) - total(before, 'escapement_findings_ingested_total', { format: 'json', outcome: 'new' })).toBe(2);
    expect(
      total(after, 'escapement_import_duration_seconds_count', { format: 'json', status: 'completed' }) -
        total(before, 'escapement_import_duration_seconds_count', { format: 'json', status: 'completed' }),
    ).toBe(1);

    // Its service belongs to another team: refused whole, nothing stored, measured as failed.
    const team = (await sut.http().post('/api/v1/teams').send({ name: 'Metrics team' }).expect(201)).body;
    const limited = await sut.asToken({ scopes: ['findings:write'], teamId: team.id });
    await limited.http.post('/api/v1/imports').set('content-type', 'application/json').send([aFinding({ fingerprint: 'fp-refused', service: 'payments-api' })]).expect(403);
    const refused = await scrape();
    expect(total(refused, 'escapement_findings_ingested_total')).toBe(total(after, 'escapement_findings_ingested_total'));
    expect(
      total(refused, 'escapement_import_duration_seconds_count', { status: 'failed' }) - total(after, 'escapement_import_duration_seconds_count', { status: 'failed' }),
    ).toBe(1);
  });

  it('counts a background import once, on whichever instance stores it', async () => {
    // Every upload to this instance is stored in the background; the job goes to whichever instance takes it first.
    const background = await startTestApp({ backgroundImportBytes: 1 });
    try {
      const both = async () => [...(await scrape()), ...(await scrape(background.http()))];
      const stored = (samples: Sample[]) => total(samples, 'escapement_import_duration_seconds_count', { format: 'json', status: 'completed' });
      const ingested = (samples: Sample[]) => total(samples, 'escapement_findings_ingested_total', { format: 'json', outcome: 'new' });
      const before = await both();
      const findings = [1, 2, 3, 4].map((n) => aFinding({ fingerprint: `fp-background-${n}`, ruleId: `background-rule-${n}` }));
      await background.http().post('/api/v1/imports').set('content-type', 'application/json').send(findings).expect(202);
      await waitForBackgroundImports(sut);
      // The worker counts just after its commit, which the poll above may see first: scrape until it shows, generously.
      let after = await both();
      for (const deadline = Date.now() + 60_000; stored(after) === stored(before) && Date.now() < deadline; after = await both()) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(stored(after) - stored(before)).toBe(1);
      expect(ingested(after) - ingested(before)).toBe(4);
    } finally {
      await background.close();
    }
  });

  it('times HTTP requests under their route template, never the requested URL', async () => {
    const id = '00000000-0000-4000-8000-0000000000aa';
    const labels = { method: 'GET', route: '/api/v1/findings/:id', status_code: '404' };
    const before = await scrape();
    await sut.http().get(`/api/v1/findings/${id}`).expect(404);
    await sut.http().get(`/api/v1/findings/${id.replace('aa', 'bb')}`).expect(404);
    const after = await scrape();
    expect(total(after, 'escapement_http_request_duration_seconds_count', labels) - total(before, 'escapement_http_request_duration_seconds_count', labels)).toBe(2);
    expect(total(after, 'escapement_http_request_duration_seconds_bucket', { ...labels, le: '+Inf' })).toBe(total(after, 'escapement_http_request_duration_seconds_count', labels));
    expect(total(after, 'escapement_http_request_duration_seconds_sum', labels)).toBeGreaterThan(0);
    // Scrapes are requests too, and a URL nothing routes is one series whatever was asked.
    expect(total(after, 'escapement_http_request_duration_seconds_count', { route: '/api/metrics', status_code: '200' })).toBeGreaterThan(0);
    await sut.http().get('/api/v1/findings?limit=1').expect(200);
    await sut.http().get('/api/v1/no-such-thing/42').expect(404);
    await sut.http().post('/api/v1/teams').set('content-type', 'application/json').send('{"name":').expect(400);
    const unmatched = await scrape();
    const refusedByParser = { method: 'POST', route: 'unmatched', status_code: '400' };
    expect(total(unmatched, 'escapement_http_request_duration_seconds_count', refusedByParser) - total(after, 'escapement_http_request_duration_seconds_count', refusedByParser)).toBe(1);
    // The unknown path lands on the dashboard's catch-all route, or on none: a fixed label either way.
    const unknown = unmatched.filter((s) => s.name === 'escapement_http_request_duration_seconds_count' && s.labels.status_code === '404' && s.labels.route !== labels.route);
    expect(unknown.map((s) => s.labels.route).every((route) => route === '{*any}' || route === 'unmatched')).toBe(true);
    expect(unknown.reduce((sum, s) => sum + s.value, 0)).toBe(1);
    const routes = new Set(unmatched.filter((s) => s.name.startsWith('escapement_http_request_duration_seconds')).map((s) => s.labels.route));
    expect([...routes].filter((route) => /[0-9a-f]{8}-|no-such-thing|\?/.test(route))).toEqual([]);
  });

  it('shows the database pool in use', async () => {
    await sut.anonymous().get('/api/health').expect(200);
    const samples = await scrape();
    const [open, idle, waiting] = ['escapement_database_pool_connections', 'escapement_database_pool_idle_connections', 'escapement_database_pool_waiting_clients'].map((name) => {
      const found = samples.filter((s) => s.name === name);
      expect(found).toHaveLength(1);
      expect(Number.isInteger(found[0].value)).toBe(true);
      return found[0].value;
    });
    // The scrape sends no query; nothing waits on an otherwise quiet server, and the idle are among the open.
    expect(waiting).toBe(0);
    expect(idle).toBeGreaterThanOrEqual(0);
    expect(open).toBeGreaterThanOrEqual(idle);
    expect(open).toBeLessThanOrEqual(10);
  });

  it('is for metrics:read tokens and administrators only', async () => {
    await sut.anonymous().get('/api/metrics').expect(401);
    const reader = await sut.asToken({ scopes: ['read', 'export', 'context:read'] });
    const refused = await reader.http.get('/api/metrics').expect(403);
    expect(refused.body.detail).toContain('metrics:read');
    const lead = await sut.asUser({ role: 'security_lead' });
    await lead.http.get('/api/metrics').expect(403);
    const admin = await sut.asUser({ role: 'admin' });
    await admin.http.get('/api/metrics').expect(200);
    await sut.http().get('/api/metrics').expect(200);
    // The scraper's token reads nothing else.
    await scraper.get('/api/v1/findings').expect(403);
  });

  it('keeps each running instance\'s metrics to itself', async () => {
    const other = await startTestApp();
    try {
      const samples = await scrape(other.http());
      expect(total(samples, 'escapement_findings_ingested_total')).toBe(0);
      expect(total(samples, 'escapement_import_duration_seconds_count')).toBe(0);
      expect(total(await scrape(), 'escapement_findings_ingested_total')).toBeGreaterThanOrEqual(8);
    } finally {
      await other.close();
    }
  });
});
