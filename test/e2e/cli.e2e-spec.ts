import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
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

  describe('dating findings by git blame', () => {
    let repo: string;
    let reader: string;
    const commits: Record<'first' | 'second' | 'third', { sha: string; at: string }> = {} as never;
    const git = (args: string[], at?: string) =>
      execFileSync('git', ['-c', 'user.name=Dev', '-c', 'user.email=dev@example.com', '-c', 'commit.gpgsign=false', ...args], {
        cwd: repo,
        encoding: 'utf8',
        env: { ...process.env, ...(at ? { GIT_AUTHOR_DATE: at, GIT_COMMITTER_DATE: at } : {}) },
      }).trim();
    const commit = (message: string, at: string) => {
      git(['add', '-A']);
      git(['commit', '-q', '-m', message], at);
      return { sha: git(['rev-parse', 'HEAD']), at: new Date(at).toISOString() };
    };
    const write = (file: string, lines: string[]) => {
      fs.mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
      fs.writeFileSync(path.join(repo, file), `${lines.join('\n')}\n`);
    };
    const result = (uri: string, line: number, ruleId = `rule-${line}`) => ({
      ruleId,
      message: { text: `${ruleId} at ${uri}:${line}` },
      locations: [{ physicalLocation: { artifactLocation: { uri }, region: { startLine: line } } }],
    });
    const findingsOf = async (service: string) => {
      const page = await fetch(`${server.url}/api/v1/findings?limit=500`, { headers: { authorization: `Bearer ${reader}` } });
      const body = (await page.json()) as { items: { serviceName: string; location: { path: string; line: number }; introducedAt: string | null; introducedCommit: string | null }[] };
      return body.items
        .filter((f) => f.serviceName === service)
        .map((f) => ({ path: f.location.path, line: f.location.line, introducedAt: f.introducedAt, introducedCommit: f.introducedCommit }))
        .sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line);
    };

    beforeAll(() => {
      reader = createTokenWithCli({ dataDir }, 'read', 'cli-blame-reader');
      repo = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'escapement-blame-')));
      git(['init', '-q']);
      write('src/orders.ts', ['line 1', 'line 2', 'line 3', 'line 4', 'line 5']);
      write('src/refunds.ts', ['refund 1', 'refund 2']);
      commits.first = commit('first', '2025-03-01T10:00:00Z');
      write('src/orders.ts', ['line 1', 'line 2', 'line 3 changed', 'line 4', 'line 5']);
      commits.second = commit('second', '2025-07-15T08:30:00Z');
      write('src/refunds.ts', ['refund 1', 'refund 2 changed']);
      commits.third = commit('third', '2025-11-02T16:45:00Z');
      // Not committed: no introduction to report for this line.
      write('src/orders.ts', ['line 1', 'line 2', 'line 3 changed', 'line 4', 'line 5', 'line 6 draft']);
    });
    afterAll(() => fs.rmSync(repo, { recursive: true, force: true }));

    it('adds to each SARIF result the commit and time that last changed its line (--blame, before the file name)', async () => {
      const sarif = {
        version: '2.1.0',
        runs: [{
          tool: { driver: { name: 'semgrep' } },
          results: [
            result('src/orders.ts', 2),
            result('src/orders.ts', 3),
            result('src/orders.ts', 6),
            result(`file://${repo}/src/refunds.ts`, 2),
            result('src/refunds.ts', 1),
            result('vendor/elsewhere.ts', 4),
            // A producer's own introduction stays as it is.
            { ...result('src/orders.ts', 4), properties: { introducedAt: '2024-12-24T00:00:00Z' } },
          ],
        }],
      };
      fs.writeFileSync(path.join(repo, 'results.sarif'), JSON.stringify(sarif));
      const run = escapement(['upload', '--blame', 'results.sarif', '--service', 'blame-api', '--stage', 'ci'], { ESCAPEMENT_URL: server.url, ESCAPEMENT_TOKEN: token }, repo);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(/^results\.sarif: sarif, 7 received, 7 new, .*, 4 of 5 dated by git blame \(import /);

      expect(await findingsOf('blame-api')).toEqual([
        { path: `${repo}/src/refunds.ts`, line: 2, introducedAt: commits.third.at, introducedCommit: commits.third.sha },
        { path: 'src/orders.ts', line: 2, introducedAt: commits.first.at, introducedCommit: commits.first.sha },
        { path: 'src/orders.ts', line: 3, introducedAt: commits.second.at, introducedCommit: commits.second.sha },
        { path: 'src/orders.ts', line: 4, introducedAt: '2024-12-24T00:00:00.000Z', introducedCommit: null },
        { path: 'src/orders.ts', line: 6, introducedAt: null, introducedCommit: null },
        { path: 'src/refunds.ts', line: 1, introducedAt: commits.first.at, introducedCommit: commits.first.sha },
        { path: 'vendor/elsewhere.ts', line: 4, introducedAt: null, introducedCommit: null },
      ]);
      // The file on disk is not changed.
      expect(JSON.parse(fs.readFileSync(path.join(repo, 'results.sarif'), 'utf8'))).toEqual(sarif);
    });

    it('dates JSON findings the same way by default inside a checkout, and sends files as they are with --no-blame', async () => {
      const findings = [
        { title: 'Refund without owner check', severity: 'high', sourceKind: 'code_review', fingerprint: 'R-1', location: { path: 'src/refunds.ts', line: 2 } },
        { title: 'Order total trusted from client', severity: 'medium', sourceKind: 'code_review', fingerprint: 'R-2', location: { path: 'src/orders.ts', line: 3 } },
      ];
      fs.writeFileSync(path.join(repo, 'review.json'), JSON.stringify(findings));
      const blamed = escapement(['upload', 'review.json', '--service', 'review-api'], { ESCAPEMENT_URL: server.url, ESCAPEMENT_TOKEN: token }, repo);
      expect(blamed.status).toBe(0);
      expect(blamed.stdout).toMatch(/2 of 2 dated by git blame/);
      expect(await findingsOf('review-api')).toEqual([
        { path: 'src/orders.ts', line: 3, introducedAt: commits.second.at, introducedCommit: commits.second.sha },
        { path: 'src/refunds.ts', line: 2, introducedAt: commits.third.at, introducedCommit: commits.third.sha },
      ]);

      const plain = escapement(['upload', '--no-blame', 'review.json', '--service', 'plain-api'], { ESCAPEMENT_URL: server.url, ESCAPEMENT_TOKEN: token }, repo);
      expect(plain.status).toBe(0);
      expect(plain.stdout).not.toMatch(/git blame/);
      expect((await findingsOf('plain-api')).map((f) => f.introducedCommit)).toEqual([null, null]);
    });

    it('refuses --blame outside a git checkout, and --blame with --no-blame', () => {
      const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'escapement-no-git-'));
      try {
        fs.writeFileSync(path.join(outside, 'r.json'), '[]');
        const run = escapement(['upload', '--blame', 'r.json', '--service', 'x', '--url', server.url], { ESCAPEMENT_TOKEN: token, GIT_CEILING_DIRECTORIES: path.dirname(outside) }, outside);
        expect(run.status).toBe(2);
        expect(run.stderr).toMatch(/--blame needs to run inside a git checkout/);
      } finally {
        fs.rmSync(outside, { recursive: true, force: true });
      }
      const both = escapement(['upload', '--blame', '--no-blame', 'results.sarif', '--service', 'x'], {}, repo);
      expect(both.status).toBe(2);
    });
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
