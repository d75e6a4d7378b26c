import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createTokenWithCli } from '../support/cli';
import { startServerProcess, waitFor, type ServerProcess } from '../support/server-process';
import { testDatabaseUrl } from '../support/test-app';

/** A large SARIF log: big enough that storing it takes seconds, so the server can be killed halfway. */
function largeSarif(results: number, marker: string): string {
  const out = Array.from({ length: results }, (_, i) => ({
    ruleId: `rule-${i % 30}`,
    level: 'warning',
    message: { text: `${marker} finding ${i} with enough text to make the log large and its parsing take a while` },
    locations: [{ physicalLocation: { artifactLocation: { uri: `src/module-${i % 400}/file-${i}.ts` }, region: { startLine: (i % 200) + 1 } } }],
  }));
  return JSON.stringify({ version: '2.1.0', runs: [{ tool: { driver: { name: 'eslint' } }, results: out }] });
}

const onPostgres = process.env.ESCAPEMENT_TEST_DB === 'postgres';

/**
 * Background imports are jobs in PostgreSQL: one interrupted by a crash is rolled back whole (one
 * transaction) and stored again by the next instance that finds it, from the file kept in the database.
 */
describe('a server killed in the middle of a large import', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'escapement-kill-'));
  const env: Record<string, string> = onPostgres ? { DATABASE_URL: testDatabaseUrl() } : { ESCAPEMENT_DATA_DIR: dataDir };
  const target = onPostgres ? { databaseUrl: testDatabaseUrl() } : { dataDir };
  let server: ServerProcess | null = null;
  afterAll(async () => {
    if (server && server.child.exitCode === null) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('stores nothing of the interrupted attempt, and after a restart the queue stores the import whole', async () => {
    const settings = { ...env, ESCAPEMENT_DEMO: '0', ESCAPEMENT_BACKGROUND_IMPORT: '1kb' };
    server = await startServerProcess(settings);
    const token = createTokenWithCli(target, 'admin');
    const headers = { authorization: `Bearer ${token}` };
    const marker = `killed-${Date.now()}`;
    const service = `kill-test-${Date.now()}`;
    const accepted = await fetch(`${server.url}/api/v1/imports?service=${service}`, { method: 'POST', headers, body: largeSarif(30_000, marker) });
    expect(accepted.status).toBe(202);
    const { id } = (await accepted.json()) as { id: string };
    // Killed once a worker has begun storing it (it says so in the log), however fast or slow the machine.
    const first = server;
    expect(await waitFor(() => first.output().includes(`import ${id}: storing (attempt 1 of 3)`), 120_000)).toBe(true);
    const during = (await (await fetch(`${server.url}/api/v1/imports/${id}`, { headers })).json()) as { status: string };
    expect(during.status).toBe('processing');
    server.child.kill('SIGKILL');
    await server.exited;

    server = await startServerProcess(settings);
    const second = server;
    const status = async () => (await (await fetch(`${second.url}/api/v1/imports/${id}`, { headers })).json()) as { status: string; findings: { received: number; created: number } };
    // Until the restarted instance sees that nobody holds the import and retries it: polled, bounded.
    let after = await status();
    for (const deadline = Date.now() + 150_000; after.status === 'processing' && Date.now() < deadline; ) {
      await new Promise((r) => setTimeout(r, 250));
      after = await status();
    }
    expect(after).toMatchObject({ status: 'completed', findings: { received: 30_000, created: 30_000 } });
    expect(second.output()).toContain(`import ${id}: storing (attempt 2 of 3)`);
    const found = (await (await fetch(`${server.url}/api/v1/findings?q=${marker}&limit=1`, { headers })).json()) as { items: unknown[] };
    expect(found.items).toHaveLength(1);
    const services = (await (await fetch(`${server.url}/api/v1/services`, { headers })).json()) as { name: string }[];
    expect(services.map((s) => s.name)).toContain(service);
  }, 400_000);
});
