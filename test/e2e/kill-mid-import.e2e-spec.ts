import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createTokenWithCli } from '../support/cli';
import { startServerProcess, type ServerProcess } from '../support/server-process';
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

  it('leaves no partial import behind: after a restart, nothing of it is stored and the import says it failed', async () => {
    const settings = { ...env, ESCAPEMENT_DEMO: '0', ESCAPEMENT_BACKGROUND_IMPORT: '1kb' };
    server = await startServerProcess(settings);
    const token = createTokenWithCli(target, 'admin');
    const headers = { authorization: `Bearer ${token}` };
    const marker = `killed-${Date.now()}`;
    const service = `kill-test-${Date.now()}`;
    const accepted = await fetch(`${server.url}/api/v1/imports?service=${service}`, { method: 'POST', headers, body: largeSarif(30_000, marker) });
    expect(accepted.status).toBe(202);
    const { id } = (await accepted.json()) as { id: string };
    await new Promise((r) => setTimeout(r, 700));
    const during = (await (await fetch(`${server.url}/api/v1/imports/${id}`, { headers })).json()) as { status: string };
    expect(during.status).toBe('processing');
    server.child.kill('SIGKILL');
    await server.exited;

    server = await startServerProcess(settings);
    const after = (await (await fetch(`${server.url}/api/v1/imports/${id}`, { headers })).json()) as { status: string; error: { detail: string }; findings: { created: number } };
    expect(after.status).toBe('failed');
    expect(after.error.detail).toMatch(/stopped before this import finished; nothing of it was stored/);
    expect(after.findings.created).toBe(0);
    const found = (await (await fetch(`${server.url}/api/v1/findings?q=${marker}`, { headers })).json()) as { items: unknown[] };
    expect(found.items).toEqual([]);
    const services = (await (await fetch(`${server.url}/api/v1/services`, { headers })).json()) as { name: string }[];
    expect(services.map((s) => s.name)).not.toContain(service);

    // And the same file, sent again, imports whole.
    const again = await fetch(`${server.url}/api/v1/imports?service=${service}`, { method: 'POST', headers, body: largeSarif(3_000, marker) });
    expect(again.status).toBe(202);
  }, 120_000);
});
