import { createTokenWithCli } from '../support/cli';
import { aFinding } from '../support/findings-fixture';
import { startServerProcess, type ServerProcess } from '../support/server-process';
import { testDatabaseUrl } from '../support/test-app';

/**
 * A download abandoned after its first bytes — a closed browser tab, a CI job cancelled, a client that only
 * wanted to see the export start — ends that export and nothing else: the server keeps serving, and the next
 * export of the same findings is whole. Run against the built server as its own process, so that an error
 * nobody handled would end it, as it would in production.
 */
describe('an export abandoned mid-download', () => {
  const databaseUrl = testDatabaseUrl();
  let server: ServerProcess;
  let authorization: string;

  beforeAll(async () => {
    server = await startServerProcess({ DATABASE_URL: databaseUrl, ESCAPEMENT_DEMO: '0' });
    authorization = `Bearer ${createTokenWithCli({ databaseUrl }, 'admin')}`;
    // Enough findings that every format is still being written when the receiver goes away.
    for (let batch = 0; batch < 4; batch++) {
      const findings = Array.from({ length: 1_000 }, (_, i) =>
        aFinding({ service: 'abandoned-export-api', fingerprint: `abandoned-${batch}-${i}`, title: `An export row long enough to fill buffers ${'x'.repeat(200)} ${batch}-${i}` }),
      );
      const posted = await fetch(`${server.url}/api/v1/findings`, { method: 'POST', headers: { authorization, 'content-type': 'application/json' }, body: JSON.stringify(findings) });
      expect(posted.status).toBe(200);
    }
  });
  afterAll(async () => {
    if (server && server.child.exitCode === null) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  });

  it.each(['csv', 'xlsx', 'json', 'sarif'])('%s: the server keeps serving, and the next export is whole', async (format) => {
    const route = `${server.url}/api/v1/exports/findings?format=${format}&service=abandoned-export-api`;
    const abandoned = await fetch(route, { headers: { authorization } });
    expect(abandoned.status).toBe(200);
    const reader = abandoned.body!.getReader();
    const first = await reader.read();
    expect(first.value!.length).toBeGreaterThan(0);
    await reader.cancel();

    // The abandoned stream's end reaches the server after the cancel: give it the time to go wrong, if it does.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect({ exitCode: server.child.exitCode, output: server.output().includes('ERR_STREAM_PREMATURE_CLOSE') ? server.output() : '' }).toEqual({ exitCode: null, output: '' });
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);

    const whole = await fetch(route, { headers: { authorization } });
    expect(whole.status).toBe(200);
    const bytes = Buffer.from(await whole.arrayBuffer());
    if (format === 'json') expect(JSON.parse(bytes.toString('utf8'))).toHaveLength(4_000);
    if (format === 'sarif') expect(JSON.parse(bytes.toString('utf8')).runs.flatMap((run: { results: unknown[] }) => run.results)).toHaveLength(4_000);
    if (format === 'csv') expect(bytes.toString('utf8').trimEnd().split('\n')).toHaveLength(1 + 4_000);
    if (format === 'xlsx') expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
  });
});
