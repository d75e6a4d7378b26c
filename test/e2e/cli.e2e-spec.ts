import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createTokenWithCli, escapement, escapementAsync } from '../support/cli';
import { startServerProcess, type ServerProcess } from '../support/server-process';

const ROOT = path.resolve(__dirname, '..', '..');
const fixture = (name: string) => path.join(ROOT, 'test', 'fixtures', 'imports', name);

/** The command CI jobs run, against the built server in its own process. */
const describeEmbedded = process.env.ESCAPEMENT_TEST_DB === 'postgres' ? describe.skip : describe;

describeEmbedded('the escapement command', () => {
  let server: ServerProcess;
  let dataDir: string;
  let token: string;
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'escapement-cli-'));
    server = await startServerProcess({ ESCAPEMENT_DATA_DIR: dataDir, ESCAPEMENT_DEMO: '0', ESCAPEMENT_BACKGROUND_IMPORT: '1kb' });
    // Made beside the running server, on its data directory, as an operator would.
    token = createTokenWithCli({ dataDir }, 'findings:write');
  });
  afterAll(async () => {
    server.child.kill('SIGTERM');
    await server.exited;
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('uploads files, waits for background imports, and prints one line per file', () => {
    const run = escapement(['upload', fixture('semgrep-two-results.sarif'), fixture('trivy-one-result.sarif'), '--service', 'payments-api', '--stage', 'ci', '--commit', 'abc'], {
      ESCAPEMENT_URL: server.url,
      ESCAPEMENT_TOKEN: token,
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^semgrep-two-results\.sarif: sarif, 2 received, 2 new, 0 updated, 0 unchanged, 0 suppressed \(import [0-9a-f-]{36}\)$/);
    expect(lines[1]).toMatch(/^trivy-one-result\.sarif: sarif, 1 received, 1 new/);

    const again = escapement(['upload', fixture('semgrep-two-results.sarif'), '--service', 'payments-api', '--url', server.url, '--token', token]);
    expect(again.stdout).toMatch(/2 received, 0 new, 0 updated, 2 unchanged/);
  });

  it('exits non-zero with the server explanation when a file is rejected', () => {
    const run = escapement(['upload', fixture('broken-level.sarif'), fixture('semgrep-two-results.sarif'), '--service', 'payments-api', '--url', server.url], { ESCAPEMENT_TOKEN: token });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/broken-level\.sarif: FAILED: HTTP 400/);
    expect(run.stderr).toMatch(/\/runs\/0\/results\/1\/level/);
    expect(run.stdout).toMatch(/semgrep-two-results\.sarif: sarif/);
    const missing = escapement(['upload', 'no-such-file.sarif', '--service', 'x', '--url', server.url], { ESCAPEMENT_TOKEN: token });
    expect(missing.status).toBe(1);
    expect(escapement(['upload', '--service', 'x']).status).toBe(2);
  });

  it('waits out a 429 with Retry-After and sends the file again', async () => {
    // One upload per token every 8 s (far longer than one small upload takes, on any machine): the
    // second file of the call is refused once, then stored.
    const busyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'escapement-cli-busy-'));
    const busy = await startServerProcess({ ESCAPEMENT_DATA_DIR: busyDir, ESCAPEMENT_DEMO: '0', ESCAPEMENT_RATE_INGEST_TOKEN: '1/8s' });
    try {
      const busyToken = createTokenWithCli({ dataDir: busyDir }, 'findings:write');
      const run = await escapementAsync(['upload', fixture('semgrep-two-results.sarif'), fixture('trivy-one-result.sarif'), '--service', 'payments-api', '--url', busy.url], { ESCAPEMENT_TOKEN: busyToken });
      expect(run.status).toBe(0);
      expect(run.stderr).toMatch(/^trivy-one-result\.sarif: the server is busy \(HTTP 429\); sending again in [1-8] s$/m);
      expect(run.stdout).toMatch(/trivy-one-result\.sarif: sarif, 1 received, 1 new/);
    } finally {
      busy.child.kill('SIGTERM');
      await busy.exited;
      fs.rmSync(busyDir, { recursive: true, force: true });
    }
  });

  it('says why an upload without a valid token is refused', () => {
    const anonymous = escapement(['upload', fixture('semgrep-two-results.sarif'), '--service', 'payments-api', '--url', server.url], { ESCAPEMENT_TOKEN: '' });
    expect(anonymous.status).toBe(1);
    expect(anonymous.stderr).toMatch(/FAILED: HTTP 401: Sign in, or send an API token/);
    const wrong = escapement(['upload', fixture('semgrep-two-results.sarif'), '--service', 'payments-api', '--url', server.url, '--token', `${token.slice(0, -4)}AAAA`]);
    expect(wrong.stderr).toMatch(/FAILED: HTTP 401: The API token is not valid/);
  });

  it('parses files offline and says what would be imported', () => {
    const run = escapement(['parse', fixture('semgrep-two-results.sarif'), fixture('pentest-report.csv'), '--json']);
    expect(run.status).toBe(0);
    const [sarif, csv] = JSON.parse(run.stdout);
    expect(sarif).toMatchObject({ format: 'sarif', received: 2, findings: 2, cweIds: { 'CWE-89': 1, 'CWE-862': 1 }, tools: ['semgrep'] });
    expect(csv).toMatchObject({ format: 'csv', received: 2, findings: 2 });
    const broken = escapement(['parse', fixture('truncated.sarif')]);
    expect(broken.status).toBe(1);
    expect(broken.stdout).toMatch(/truncated\.sarif: ERROR .*line 4/);
  });
});
