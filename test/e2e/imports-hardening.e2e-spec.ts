import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { ImportWarningsAndSenders1764090000000 } from '../../migrations/1764090000000-ImportWarningsAndSenders';
import { aFinding } from '../support/findings-fixture';
import { resetDatabase, snapshotData, startTestApp, type TestApp } from '../support/test-app';
import { waitForBackgroundImports } from '../support/background-imports';

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'imports', name));
// Bytes go out as they are: no client-side JSON serialisation of a Buffer.
const raw = (body: unknown) => body as string;
const forge = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** One SARIF result per call, at the line given, with whatever bytes the message should carry. */
function sarifWithLine(startLine: number | string): Buffer {
  return Buffer.from(
    `{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"semgrep"}},"results":[` +
      `{"ruleId":"r1","message":{"text":"m"},"locations":[{"physicalLocation":{"artifactLocation":{"uri":"a.ts"},"region":{"startLine":${startLine}}}}]}]}]}`,
  );
}

describe('imports: values and cursors that used to be server errors', () => {
  let sut: TestApp;
  beforeAll(async () => {
    sut = await startTestApp();
  });
  beforeEach(() => resetDatabase(sut));
  afterAll(() => sut.close());

  const upload = (query: string, body: Buffer, http = sut.http()) =>
    http.post(`/api/v1/imports?${query}`).set('content-type', 'application/octet-stream').serialize(raw).send(body);

  it.each(['2147483648', '9007199254740993', '1e30'])('refuses a SARIF startLine of %s with a 400 naming it, storing nothing', async (line) => {
    const before = await snapshotData(sut);
    const response = await upload('service=payments-api', sarifWithLine(line)).expect(400);
    expect(response.headers['content-type']).toMatch(/problem\+json/);
    expect(response.body.errors).toEqual([
      { pointer: '/runs/0/results/0/locations/0/physicalLocation/region/startLine', message: 'must be a whole number from 1 to 10000000' },
    ]);
    expect(await snapshotData(sut)).toBe(before);
  });

  it('still stores the largest line any format accepts', async () => {
    await upload('service=payments-api', sarifWithLine(10_000_000)).expect(201);
    expect(await sut.sql(`SELECT line FROM findings`)).toEqual([{ line: 10_000_000 }]);
  });

  it.each([
    ['a timestamp PostgreSQL cannot read', ['Tue, 1 Dec 2026 10:00:00', '00000000-0000-4000-8000-000000000000']],
    ['a month that does not exist', ['2026-13-01T00:00:00+00:00', '00000000-0000-4000-8000-000000000000']],
    ['an id that is not a UUID', ['2026-12-01T10:00:00.123456+00:00', '------------------------------------']],
    ['a number for the id', ['2026-12-01T10:00:00+00:00', 7]],
    ['a third member', ['2026-12-01T10:00:00+00:00', '00000000-0000-4000-8000-000000000000', 'x']],
  ])('answers a forged cursor with %s with 400 on findings and imports', async (_name, cursor) => {
    for (const list of ['/api/v1/findings', '/api/v1/imports']) {
      const response = await sut.http().get(`${list}?cursor=${forge(cursor)}`).expect(400);
      expect(response.body).toMatchObject({ type: 'urn:escapement:problem:validation_failed', errors: [{ parameter: 'cursor', message: 'invalid cursor' }] });
    }
  });

  it('checks a findings cursor against the sort it pages', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    await sut.http().get(`/api/v1/findings?sort=severity&cursor=${forge(['catastrophic', id])}`).expect(400);
    await sut.http().get(`/api/v1/findings?sort=stage&cursor=${forge(['2026-12-01T10:00:00+00:00', id])}`).expect(400);
    await sut.http().get(`/api/v1/findings?sort=severity&cursor=${forge(['high', id])}`).expect(200);
    await sut.http().get(`/api/v1/findings?sort=stage&cursor=${forge(['ci', id])}`).expect(200);
  });

  it('pages findings sorted by long titles: the cursor of a 1000-character title is accepted back', async () => {
    const title = 'é'.repeat(1000);
    await sut.http().post('/api/v1/findings').send([aFinding({ fingerprint: 'a', title }), aFinding({ fingerprint: 'b', title: `${title.slice(1)}z` })]).expect(200);
    const first = await sut.http().get('/api/v1/findings?sort=title&order=asc&limit=1').expect(200);
    const second = await sut.http().get(`/api/v1/findings?sort=title&order=asc&limit=1&cursor=${first.body.nextCursor}`).expect(200);
    expect([first.body.items[0].title, second.body.items[0].title]).toEqual([`${title.slice(1)}z`, title].sort());
  });
});

describe('imports: who may follow an upload', () => {
  let sut: TestApp;
  beforeAll(async () => {
    sut = await startTestApp();
    await resetDatabase(sut);
  });
  afterAll(() => sut.close());

  it('keys an upload to the token that sent it: a new token reusing a revoked name sees none of it', async () => {
    const [{ id: teamB }] = await sut.sql<{ id: string }>(`INSERT INTO teams (name) VALUES ('Team B') RETURNING id`);
    await sut.sql(`INSERT INTO services (name, team_id) VALUES ('b-api', $1)`, [teamB]);
    const old = await sut.asToken({ scopes: ['findings:write'], name: 'ci-orders' });
    const sent = await old.http.post('/api/v1/imports?service=orders-api').set('content-type', 'application/octet-stream').serialize(raw).send(fixture('semgrep-two-results.sarif')).expect(201);
    await old.http.get(`/api/v1/imports/${sent.body.id}`).expect(200);
    await sut.http().delete(`/api/v1/tokens/${old.id}`).expect(204);

    for (const scopes of [['findings:write'], ['findings:write', 'read']] as const) {
      const reused = await sut.asToken({ scopes: [...scopes], teamId: scopes.length > 1 ? teamB : null, name: 'ci-orders' });
      await reused.http.get(`/api/v1/imports/${sent.body.id}`).expect(404);
      if (scopes.length > 1) expect((await reused.http.get('/api/v1/imports').expect(200)).body.items).toEqual([]);
      // It follows what it sends itself.
      const own = await reused.http.post('/api/v1/findings').send([aFinding({ service: scopes.length > 1 ? 'b-api' : 'orders-api', fingerprint: `own-${scopes.length}` })]).expect(200);
      await reused.http.get(`/api/v1/imports/${own.body.importId}`).expect(200);
      await sut.http().delete(`/api/v1/tokens/${reused.id}`).expect(204);
    }
    const senders = await sut.sql<{ received_by: string; token: string }>(
      `SELECT i.received_by, t.id AS token FROM imports i JOIN api_tokens t ON t.id = i.received_by_token_id ORDER BY i.received_at`,
    );
    expect(senders.map((s) => s.received_by)).toEqual(['token:ci-orders', 'token:ci-orders', 'token:ci-orders']);
    expect(new Set(senders.map((s) => s.token)).size).toBe(3);
    expect(senders[0].token).toBe(old.id);
  });
});

describe('the migration that keys imports by sender id', () => {
  let sut: TestApp;
  beforeAll(async () => {
    sut = await startTestApp();
    await resetDatabase(sut);
  });
  afterAll(() => sut.close());

  it('gives existing uploads the token that bore the name when they arrived, and people their account', async () => {
    const runner = sut.app.get(DataSource).createQueryRunner();
    await runner.startTransaction();
    try {
      const migration = new ImportWarningsAndSenders1764090000000();
      await migration.down(runner);
      const token = async (createdAt: string, revokedAt: string | null) =>
        (
          await runner.query(
            `INSERT INTO api_tokens (name, prefix, secret_sha256, scopes, created_at, revoked_at) VALUES ('ci', md5(random()::text), '\\x00', '{findings:write}', $1, $2) RETURNING id`,
            [createdAt, revokedAt],
          )
        )[0].id as string;
      const first = await token('2026-01-01T00:00:00Z', '2026-03-01T00:00:00Z');
      const second = await token('2026-03-02T00:00:00Z', null);
      const [{ id: person }] = await runner.query(`INSERT INTO users (email, role) VALUES ('dana@example.com', 'security_lead') RETURNING id`);
      const upload = async (receivedBy: string, at: string) =>
        (await runner.query(`INSERT INTO imports (status, format, received_by, received_at) VALUES ('completed', 'sarif', $1, $2) RETURNING id`, [receivedBy, at]))[0].id as string;
      const early = await upload('token:ci', '2026-02-01T00:00:00Z');
      const late = await upload('token:ci', '2026-04-01T00:00:00Z');
      const gap = await upload('token:ci', '2026-03-01T12:00:00Z');
      const byPerson = await upload('user:dana@example.com', '2026-04-01T00:00:00Z');
      await migration.up(runner);
      const rows = await runner.query(`SELECT id, received_by_token_id AS token, received_by_user_id AS "user", warnings FROM imports`);
      const of = (id: string) => rows.find((r: { id: string }) => r.id === id);
      expect([of(early).token, of(late).token, of(gap).token, of(byPerson).user]).toEqual([first, second, null, person]);
      expect(of(early).warnings).toEqual([]);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });
});

describe('imports: what was changed on the way in is said, not hidden', () => {
  let sut: TestApp;
  beforeAll(async () => {
    sut = await startTestApp({ backgroundImportBytes: 64 * 1024 });
  });
  beforeEach(() => resetDatabase(sut));
  afterAll(() => sut.close());

  const upload = (query: string, body: Buffer) => sut.http().post(`/api/v1/imports?${query}`).set('content-type', 'application/octet-stream').serialize(raw).send(body);

  it('imports a SARIF whose artifact index points past run.artifacts, with its uri, and warns', async () => {
    const response = await upload('service=orders-api', fixture('dependency-check-artifact-index.sarif')).expect(201);
    const pointer = (n: number) => `/runs/0/results/${n}/locations/0/physicalLocation/artifactLocation/index`;
    expect(response.body.warnings).toEqual([
      { code: 'artifact_index_out_of_range', pointer: pointer(0), message: '3 is out of range: the run has 1 artifact; its uri was used instead' },
      { code: 'artifact_index_out_of_range', pointer: pointer(1), message: '4 is out of range: the run has 1 artifact; its uri was used instead' },
    ]);
    expect(await sut.sql(`SELECT rule_id, path FROM findings ORDER BY rule_id`)).toEqual([
      { rule_id: 'CVE-2020-36518', path: '/src/orders-api/lib/jackson-databind-2.12.3.jar' },
      { rule_id: 'CVE-2022-42003', path: '/src/orders-api/lib/jackson-databind-2.12.3.jar' },
    ]);
    expect((await sut.http().get(`/api/v1/imports/${response.body.id}`).expect(200)).body.warnings).toEqual(response.body.warnings);
  });

  it('warns of bytes that are not UTF-8, with the line of the first, and of NUL characters, with their pointer', async () => {
    const sarif = Buffer.concat([
      Buffer.from('{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"semgrep"}},"results":[\n{"ruleId":"r1","message":{"text":"caf'),
      Buffer.from([0xe9, 0xff]),
      Buffer.from('"}},\n{"ruleId":"r\\u00002","message":{"text":"second"}}]}]}'),
    ]);
    const response = await upload('service=payments-api', sarif).expect(201);
    expect(response.body.warnings).toEqual([
      { code: 'invalid_utf8_replaced', line: 2, message: '2 byte sequences are not UTF-8 and were read as U+FFFD; the first is on line 2' },
      { code: 'nul_replaced', pointer: '/runs/0/results/1', message: 'NUL characters in ruleId were stored as U+FFFD: PostgreSQL text cannot hold them' },
    ]);
    expect(await sut.sql(`SELECT title, rule_id FROM findings ORDER BY rule_id`)).toEqual([
      { title: 'caf\ufffd\ufffd', rule_id: 'r1' },
      { title: 'second', rule_id: 'r\ufffd2' },
    ]);
    const listed = await sut.http().get('/api/v1/imports').expect(200);
    expect(listed.body.items[0].warnings).toEqual(response.body.warnings);
  });

  it('warns of NUL characters in CSV rows by line and in JSON findings by pointer', async () => {
    const csv = await upload('format=csv', Buffer.from('title,severity,service\nfine,high,a-api\n"bad\u0000title",low,a-api\n')).expect(201);
    expect(csv.body.warnings).toEqual([{ code: 'nul_replaced', line: 3, message: 'NUL characters in title were stored as U+FFFD: PostgreSQL text cannot hold them' }]);
    const json = await upload('format=json', Buffer.from(JSON.stringify([aFinding({ fingerprint: 'ok' }), aFinding({ fingerprint: 'n', title: 'a\u0000b' })]))).expect(201);
    expect(json.body.warnings).toEqual([{ code: 'nul_replaced', pointer: '/1', message: 'NUL characters in title were stored as U+FFFD: PostgreSQL text cannot hold them' }]);
    const posted = await sut.http().post('/api/v1/findings').send({ findings: [aFinding({ fingerprint: 'p', title: 'x\u0000y' })] }).expect(200);
    expect((await sut.http().get(`/api/v1/imports/${posted.body.importId}`).expect(200)).body.warnings).toEqual([
      { code: 'nul_replaced', pointer: '/findings/0', message: 'NUL characters in title were stored as U+FFFD: PostgreSQL text cannot hold them' },
    ]);
  });

  it('keeps the warnings of a background import', async () => {
    const padding = ' '.repeat(70 * 1024);
    const body = Buffer.from(`[${padding}${JSON.stringify(aFinding({ fingerprint: 'big', title: 'nul\u0000here' }))}]`);
    const accepted = await upload('format=json', body).expect(202);
    await waitForBackgroundImports(sut);
    const done = await sut.http().get(accepted.headers.location).expect(200);
    expect(done.body).toMatchObject({ status: 'completed', warnings: [{ code: 'nul_replaced', pointer: '/0' }] });
  });

  it('describes the warnings in the API description', async () => {
    const doc = (await sut.anonymous().get('/api/docs/json').expect(200)).body;
    expect(doc.components.schemas.ImportResponse.required).toContain('warnings');
    expect(doc.components.schemas.ImportWarningResponse.properties.code.enum).toEqual(['artifact_index_out_of_range', 'invalid_utf8_replaced', 'nul_replaced', 'more_warnings']);
  });
});
