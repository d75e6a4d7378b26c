import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { resetDatabase, snapshotData, startTestApp, type TestApp } from '../support/test-app';

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'imports', name));

describe('POST /api/v1/imports', () => {
  let sut: TestApp;
  beforeAll(async () => {
    sut = await startTestApp({ backgroundImportBytes: 64 * 1024, maxBodyBytes: 2 * 1024 * 1024 });
  });
  beforeEach(() => resetDatabase(sut));
  afterAll(() => sut.close());

  // Bytes go out as they are: no client-side JSON serialisation of a Buffer.
  const raw = (body: unknown) => body as string;
  const upload = (query: string, body: Buffer, contentType = 'application/octet-stream') =>
    sut.http().post(`/api/v1/imports?${query}`).set('content-type', contentType).serialize(raw).send(body);

  it('imports SARIF with rules, CWE ids, severity, location and fingerprints', async () => {
    const response = await upload('stage=ci&service=payments-api&repo=github.com/acme/payments-api&commit=abc123', fixture('semgrep-two-results.sarif')).expect(201);
    expect(response.body).toMatchObject({ status: 'completed', format: 'sarif', service: 'payments-api', tools: ['semgrep'] });
    expect(response.body.findings).toEqual({ received: 2, created: 2, updated: 0, unchanged: 0, suppressed: 0, fixed: 0 });
    const rows = await sut.sql<Record<string, unknown>>(
      `SELECT rule_id, severity, cwe_ids, path, line, repo, finding_class, first_detected_stage, tool, source_kind FROM findings ORDER BY rule_id`,
    );
    expect(rows).toEqual([
      { rule_id: 'javascript.express.missing-authz', severity: 'medium', cwe_ids: [862], path: 'src/orders/refund.ts', line: 10, repo: 'github.com/acme/payments-api', finding_class: 'design', first_detected_stage: 'ci', tool: 'semgrep', source_kind: 'sast' },
      { rule_id: 'javascript.express.sql-injection', severity: 'high', cwe_ids: [89], path: 'src/orders/search.ts', line: 42, repo: 'github.com/acme/payments-api', finding_class: 'pattern', first_detected_stage: 'ci', tool: 'semgrep', source_kind: 'sast' },
    ]);
    expect(await sut.sql(`SELECT commit_sha FROM detections`)).toEqual([{ commit_sha: 'abc123' }, { commit_sha: 'abc123' }]);
  });

  it('changes nothing when the same file is sent again, gzip or not', async () => {
    await upload('service=payments-api', fixture('semgrep-two-results.sarif')).expect(201);
    const before = await sut.sql('SELECT * FROM findings f JOIN detections d ON d.finding_id = f.id ORDER BY f.id');
    const again = await sut
      .http()
      .post('/api/v1/imports?service=payments-api')
      .set('content-type', 'application/sarif+json')
      .set('content-encoding', 'gzip')
      .serialize(raw)
      .send(zlib.gzipSync(fixture('semgrep-two-results.sarif')))
      .expect(201);
    expect(again.body.findings).toMatchObject({ received: 2, created: 0, updated: 0, unchanged: 2 });
    expect(await sut.sql('SELECT * FROM findings f JOIN detections d ON d.finding_id = f.id ORDER BY f.id')).toEqual(before);
  });

  it('accepts a multipart form with the file and its parameters', async () => {
    const response = await sut
      .http()
      .post('/api/v1/imports')
      .field('service', 'payments-api')
      .field('stage', 'code_review')
      .attach('file', fixture('semgrep-two-results.sarif'), 'results.sarif')
      .expect(201);
    expect(response.body).toMatchObject({ fileName: 'results.sarif', stage: 'code_review' });
    expect(await sut.sql(`SELECT DISTINCT first_detected_stage FROM findings`)).toEqual([{ first_detected_stage: 'code_review' }]);
  });

  it('marks fixed what a full scan no longer reports, but not what merely moved lines', async () => {
    await upload('service=payments-api&fullScan=true', fixture('semgrep-two-results.sarif')).expect(201);
    const rescan = await upload('service=payments-api&fullScan=true&detectedAt=2026-06-01T00:00:00Z', fixture('semgrep-one-fixed-one-moved.sarif')).expect(201);
    expect(rescan.body.findings).toMatchObject({ received: 1, created: 0, fixed: 1 });
    const rows = await sut.sql<{ rule_id: string; status: string; line: number; fixed_at: Date | null }>(`SELECT rule_id, status, line, fixed_at FROM findings ORDER BY rule_id`);
    expect(rows[0]).toMatchObject({ rule_id: 'javascript.express.missing-authz', status: 'fixed' });
    expect(rows[0].fixed_at?.toISOString()).toBe('2026-06-01T00:00:00.000Z');
    expect(rows[1]).toMatchObject({ rule_id: 'javascript.express.sql-injection', status: 'open', line: 57 });
    // Reported again later: the fixed finding reopens.
    const third = await upload('service=payments-api&fullScan=true', fixture('semgrep-two-results.sarif')).expect(201);
    expect(third.body.findings).toMatchObject({ created: 0, fixed: 0 });
    expect(await sut.sql(`SELECT status FROM findings ORDER BY rule_id`)).toEqual([{ status: 'open' }, { status: 'open' }]);
  });

  it('closes only what the same tool, in the same service, in a full scan, no longer reports', async () => {
    await upload('service=payments-api', fixture('semgrep-two-results.sarif')).expect(201);
    await upload('service=payments-api', fixture('trivy-one-result.sarif')).expect(201);
    await upload('service=ledger', fixture('semgrep-two-results.sarif')).expect(201);
    // Not a full scan: a partial (branch) scan closes nothing.
    const partial = await upload('service=payments-api', fixture('semgrep-one-fixed-one-moved.sarif')).expect(201);
    expect(partial.body.findings.fixed).toBe(0);
    // A full semgrep scan of payments-api: Trivy's finding there, and ledger's findings, are not its business.
    const full = await upload('service=payments-api&fullScan=true', fixture('semgrep-one-fixed-one-moved.sarif')).expect(201);
    expect(full.body.findings.fixed).toBe(1);
    const statuses = await sut.sql(`SELECT s.name AS service, f.tool, f.rule_id, f.status FROM findings f JOIN services s ON s.id = f.service_id ORDER BY 1, 2, 3`);
    expect(statuses).toEqual([
      { service: 'ledger', tool: 'semgrep', rule_id: 'javascript.express.missing-authz', status: 'open' },
      { service: 'ledger', tool: 'semgrep', rule_id: 'javascript.express.sql-injection', status: 'open' },
      { service: 'payments-api', tool: 'Trivy', rule_id: 'CVE-2024-0001', status: 'open' },
      { service: 'payments-api', tool: 'semgrep', rule_id: 'javascript.express.missing-authz', status: 'fixed' },
      { service: 'payments-api', tool: 'semgrep', rule_id: 'javascript.express.sql-injection', status: 'open' },
    ]);
    // A full scan that is rejected closes nothing either.
    await upload('service=payments-api&fullScan=true', fixture('broken-level.sarif')).expect(400);
    expect(await sut.sql(`SELECT count(*)::int AS n FROM findings WHERE status = 'fixed'`)).toEqual([{ n: 1 }]);
    // People's decisions survive scans: a false positive stays one when the scanner reports it again.
    await sut.sql(`UPDATE findings SET status = 'false_positive' WHERE rule_id = 'CVE-2024-0001'`);
    await upload('service=payments-api&fullScan=true', fixture('trivy-one-result.sarif')).expect(201);
    expect(await sut.sql(`SELECT status FROM findings WHERE rule_id = 'CVE-2024-0001'`)).toEqual([{ status: 'false_positive' }]);
  });

  it('imports JSON findings and CSV with their own services and stages', async () => {
    const json = await upload('', fixture('review-findings.json'), 'application/json').expect(201);
    expect(json.body).toMatchObject({ format: 'json', findings: { received: 1, created: 1 } });
    const csv = await upload('', fixture('pentest-report.csv'), 'text/csv').expect(201);
    expect(csv.body).toMatchObject({ format: 'csv', findings: { received: 2, created: 2 } });
    const rows = await sut.sql(`SELECT s.name AS service, f.first_detected_stage, f.finding_class, f.cwe_ids FROM findings f JOIN services s ON s.id = f.service_id ORDER BY f.fingerprint`);
    expect(rows).toEqual([
      { service: 'billing-api', first_detected_stage: 'pre_release', finding_class: 'design', cwe_ids: [639] },
      { service: 'identity-api', first_detected_stage: 'pre_release', finding_class: 'design', cwe_ids: [613, 640] },
      { service: 'payments-api', first_detected_stage: 'code_review', finding_class: 'design', cwe_ids: [602] },
    ]);
  });

  it('stores the commit that introduced each flaw, from SARIF properties, JSON findings and CSV, shown in the finding', async () => {
    const sarif = {
      version: '2.1.0',
      runs: [{
        tool: { driver: { name: 'semgrep' } },
        results: [{
          ruleId: 'r1', message: { text: 'Refund without owner check' }, properties: { introducedAt: '2026-02-03T04:05:06Z', introducedCommit: 'ABCDEF1234567890abcdef1234567890ABCDEF12' },
          locations: [{ physicalLocation: { artifactLocation: { uri: 'src/refund.ts' }, region: { startLine: 3 } } }],
        }],
      }],
    };
    await upload('service=payments-api&stage=ci', Buffer.from(JSON.stringify(sarif)), 'application/sarif+json').expect(201);
    const json = [{ service: 'billing-api', sourceKind: 'pentest', title: 'IDOR', severity: 'high', fingerprint: 'PT-1', introducedAt: '2026-01-01T00:00:00Z', introducedCommit: '9fceb02', detectedAt: '2026-03-01T00:00:00Z' }];
    await upload('format=json', Buffer.from(JSON.stringify(json)), 'application/json').expect(201);
    await upload('service=identity-api', Buffer.from('title,severity,introduced_at,introduced_commit,detected_at\nSession fixation,high,2026-01-05,0123ABCD,2026-02-01\n'), 'text/csv').expect(201);

    const stored = await sut.sql('SELECT s.name AS service, f.introduced_at, f.introduced_commit FROM findings f JOIN services s ON s.id = f.service_id ORDER BY 1');
    expect(stored).toEqual([
      { service: 'billing-api', introduced_at: new Date('2026-01-01T00:00:00Z'), introduced_commit: '9fceb02' },
      { service: 'identity-api', introduced_at: new Date('2026-01-05T00:00:00Z'), introduced_commit: '0123abcd' },
      { service: 'payments-api', introduced_at: new Date('2026-02-03T04:05:06Z'), introduced_commit: 'abcdef1234567890abcdef1234567890abcdef12' },
    ]);
    const [{ id }] = await sut.sql<{ id: string }>(`SELECT id FROM findings WHERE fingerprint = 'PT-1'`);
    const detail = (await sut.http().get(`/api/v1/findings/${id}`).expect(200)).body;
    expect(detail).toMatchObject({ introducedAt: '2026-01-01T00:00:00.000Z', introducedCommit: '9fceb02' });
  });

  it('rejects a commit id that is not one, in each format, with where it is', async () => {
    const sarif = { version: '2.1.0', runs: [{ tool: { driver: { name: 's' } }, results: [{ ruleId: 'r', message: { text: 'm' }, properties: { introducedCommit: 'HEAD~1' } }] }] };
    const bad = await upload('service=payments-api', Buffer.from(JSON.stringify(sarif)), 'application/sarif+json').expect(400);
    expect(bad.body.errors[0].pointer).toBe('/runs/0/results/0/properties/introducedCommit');
    const json = await upload('format=json&service=payments-api', Buffer.from(JSON.stringify([{ sourceKind: 'pentest', title: 'x', severity: 'low', introducedCommit: 'main' }])), 'application/json').expect(400);
    expect(json.body.errors[0].pointer).toBe('/0/introducedCommit');
    const csv = await upload('service=payments-api', Buffer.from('title,severity,introduced_commit\nx,low,zzz1234\n'), 'text/csv').expect(400);
    expect(csv.body.errors[0]).toMatchObject({ line: 2, column: 3 });
    expect(await sut.sql('SELECT * FROM findings')).toHaveLength(0);
  });

  it('rejects a broken file with a 400 that says where, and stores nothing', async () => {
    await upload('service=payments-api', fixture('semgrep-two-results.sarif')).expect(201);
    const before = await snapshotData(sut);
    const level = await upload('service=payments-api', fixture('broken-level.sarif')).expect(400);
    expect(level.headers['content-type']).toMatch(/problem\+json/);
    expect(level.body.errors[0].pointer).toBe('/runs/0/results/1/level');
    const truncated = await upload('service=payments-api', fixture('truncated.sarif')).expect(400);
    expect(truncated.body.errors[0]).toMatchObject({ line: 4 });
    expect(truncated.body.detail).toMatch(/line 4/);
    const csv = await upload('', fixture('pentest-bad-severity.csv'), 'text/csv').expect(400);
    expect(csv.body.errors[0]).toMatchObject({ line: 3, column: 2 });
    expect(csv.body.detail).toMatch(/severity/);
    await upload('', fixture('semgrep-two-results.sarif')).expect(400);
    await upload('service=payments-api&stage=later', fixture('semgrep-two-results.sarif')).expect(400);
    await upload('service=payments-api', Buffer.from('hello, this is not a findings file')).expect(400);
    await upload('service=payments-api', Buffer.alloc(0)).expect(400);
    expect(await snapshotData(sut)).toBe(before);
  });

  it('refuses bodies over the limit and gzip bombs with 413, and stays up', async () => {
    const big = Buffer.alloc(3 * 1024 * 1024, 32);
    await upload('service=x', big).expect(413);
    const bomb = zlib.gzipSync(Buffer.alloc(2 * 1024 * 1024 - 10, 32));
    const response = await sut.http().post('/api/v1/imports?service=x').set('content-encoding', 'gzip').send(bomb).expect(413);
    expect(response.body.detail).toMatch(/inflates|larger/);
    await sut.http().post('/api/v1/imports?service=x').set('content-encoding', 'gzip').send(Buffer.from('not gzip at all')).expect(400);
    await sut.http().get('/api/health').expect(200);
  });

  it('counts and closes across batches: a finding met in two batches is one, and a full scan of thousands closes only what it lacks', async () => {
    // 2,500 results are stored in two batches (2,000 per batch), in the background.
    const scan = (indexes: number[], level: (i: number) => string) => {
      const results = indexes.map((i) => ({
        ruleId: 'r1',
        level: level(i),
        message: { text: `Finding ${i}` },
        locations: [{ physicalLocation: { artifactLocation: { uri: `src/file-${i}.ts` }, region: { startLine: 1 } } }],
      }));
      return Buffer.from(JSON.stringify({ version: '2.1.0', runs: [{ tool: { driver: { name: 'eslint' } }, results }] }));
    };
    const stored = async (body: Buffer) => {
      let status = (await upload('service=web-app&fullScan=true', body).expect(202)).body;
      // Polled until done, however long a busy machine takes (the test's own timeout is the bound).
      while (status.status === 'processing') {
        await new Promise((r) => setTimeout(r, 100));
        status = (await sut.http().get(status.statusUrl).expect(200)).body;
      }
      return status;
    };
    const all = Array.from({ length: 2500 }, (_, i) => i);
    const first = await stored(scan(all, () => 'warning'));
    expect(first).toMatchObject({ status: 'completed', findings: { received: 2500, created: 2500, updated: 0, unchanged: 0, fixed: 0 } });

    // The rescan lacks finding 7, raises finding 3 (in the first batch, and again in the second), and adds 2500.
    const rescan = [...all.filter((i) => i !== 7), 2500, 3];
    const second = await stored(scan(rescan, (i) => (i === 3 ? 'error' : 'warning')));
    expect(second).toMatchObject({ status: 'completed', findings: { received: 2501, created: 1, updated: 1, unchanged: 2498, fixed: 1 } });
    const statuses = await sut.sql<{ status: string; n: number }>(`SELECT status, count(*)::int AS n FROM findings GROUP BY status ORDER BY status::text`);
    expect(statuses).toEqual([
      { status: 'fixed', n: 1 },
      { status: 'open', n: 2500 },
    ]);
    expect(await sut.sql(`SELECT title FROM findings WHERE status = 'fixed'`)).toEqual([{ title: 'Finding 7' }]);
    expect(await sut.sql(`SELECT severity FROM findings WHERE path = 'src/file-3.ts'`)).toEqual([{ severity: 'high' }]);
  });

  it('stores large uploads in the background: 202, then the status URL reports the counts', async () => {
    const results = Array.from({ length: 400 }, (_, i) => ({
      ruleId: 'r1',
      level: 'warning',
      message: { text: `Finding number ${i} with some padding to make the file larger than the threshold` },
      locations: [{ physicalLocation: { artifactLocation: { uri: `src/file-${i}.ts` }, region: { startLine: i + 1 } } }],
    }));
    const body = Buffer.from(JSON.stringify({ version: '2.1.0', runs: [{ tool: { driver: { name: 'eslint' } }, results }] }));
    expect(body.length).toBeGreaterThan(64 * 1024);
    const accepted = await upload('service=web-app', body).expect(202);
    expect(accepted.headers.location).toBe(`/api/v1/imports/${accepted.body.id}`);
    expect(accepted.body.status).toBe('processing');
    let status = accepted.body;
    // Polled until done, however long a busy machine takes (the test's own timeout is the bound).
    while (status.status === 'processing') {
      await new Promise((r) => setTimeout(r, 100));
      status = (await sut.http().get(accepted.body.statusUrl).expect(200)).body;
    }
    expect(status).toMatchObject({ status: 'completed', findings: { received: 400, created: 400 } });
    const list = (await sut.http().get('/api/v1/imports?limit=5').expect(200)).body;
    expect(list.items[0]).toMatchObject({ id: accepted.body.id, format: 'sarif', tools: ['eslint'] });
    await sut.http().get('/api/v1/imports/00000000-0000-4000-8000-000000000000').expect(404);
    await sut.http().get('/api/v1/imports/not-a-uuid').expect(400);
  });
});
