import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { ContextPackDto, ContextServingDto } from '@escapement/domain';
import { DemoSeeder } from '../../apps/api/src/demo/demo-seeder';
import { CLI } from '../support/cli';
import { escapementAsync } from '../support/cli-async';
import { demoComponentWithEscapes, type DemoComponent } from '../support/demo-context';
import { resetDatabase, startTestApp, type TestApp } from '../support/test-app';

const TOOLS = ['acceptance_criteria', 'record_review', 'review_checklist', 'threat_context'];
type ToolResult = { content: { type: string; text: string }[]; isError?: boolean };
const textOf = (result: unknown) => (result as ToolResult).content.map((c) => c.text).join('\n');

/** The escapement command (context, criteria, review, mcp) and MCP over Streamable HTTP, against a listening server. */
describe('threat-model context through the CLI and MCP', () => {
  let sut: TestApp;
  let url: string;
  let demo: DemoComponent;
  let token: { id: string; secret: string };
  let tmp: string;

  const servings = async (change: string) => (await sut.http().get(`/api/v1/context-servings?service=${demo.service}&change=${change}`).expect(200)).body as ContextServingDto[];
  const cli = (args: string[], options: { input?: string; cwd?: string; env?: Record<string, string> } = {}) =>
    escapementAsync(args, { ...options, env: { ESCAPEMENT_URL: url, ESCAPEMENT_TOKEN: token.secret, ...options.env } });

  beforeAll(async () => {
    sut = await startTestApp();
    await resetDatabase(sut);
    expect(await sut.app.get(DemoSeeder).seedIfEmpty({ findings: 1500 })).toBe(true);
    demo = await demoComponentWithEscapes(sut);
    await sut.app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(sut.app.getHttpServer().address() as AddressInfo).port}`;
    token = await sut.asToken({ scopes: ['context:read'], name: 'developer-laptop' });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'escapement-context-'));
  });
  afterAll(async () => {
    fs.rmSync(tmp, { recursive: true, force: true });
    await sut.close();
  });

  describe('the CLI', () => {
    it('prints the context pack for files to stdout as Markdown, recorded as channel cli', async () => {
      const run = await cli(['context', '--service', demo.service, demo.paths[0], '--change', 'CLI-1']);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(/^# Threat context: payments-api — /);
      expect(run.stdout).toContain(`\`${demo.paths[0]}\``);
      expect(run.stdout).toContain('## What went wrong here before');
      const [serving] = await servings('CLI-1');
      expect(serving).toMatchObject({ kind: 'pack', channel: 'cli', actor: 'token:developer-laptop', tokenId: token.id, components: [demo.key] });
    });

    it('prints JSON within the budget with --format json --max-chars', async () => {
      const run = await cli(['context', '--service', demo.service, demo.paths[0], '--format', 'json', '--max-chars', '2000']);
      expect(run.status).toBe(0);
      const pack = JSON.parse(run.stdout) as ContextPackDto;
      expect(run.stdout.trim().length).toBeLessThanOrEqual(2000);
      expect(pack.budget).toMatchObject({ maxChars: 2000, truncated: true });
    });

    it('prints acceptance criteria that trace to threats', async () => {
      const run = await cli(['criteria', '--service', demo.service, '--component', demo.key, '--max-tokens', '50000']);
      expect(run.status).toBe(0);
      const criteria = run.stdout.split('\n').filter((line) => line.startsWith('- [ ] '));
      expect(criteria.length).toBeGreaterThan(0);
      for (const line of criteria) {
        const [, key, cwes] = /— threat (\S+?)(?:, (.*))?$/.exec(line)!;
        const threat = demo.threats.find((t) => t.key === key)!;
        expect(threat).toBeDefined();
        expect(cwes ? cwes.split(', ') : []).toEqual(threat.cweIds.map((id) => `CWE-${id}`));
      }
    });

    it('makes a review checklist from a diff file, from stdin, and from changed paths', async () => {
      const diff = `--- a/${demo.paths[0]}\n+++ b/${demo.paths[0]}\n@@ -1 +1 @@\n-a\n+b\n`;
      const file = path.join(tmp, 'change.diff');
      fs.writeFileSync(file, diff);
      const fromFile = await cli(['review', '--service', demo.service, '--diff', file]);
      expect(fromFile.status).toBe(0);
      expect(fromFile.stdout).toMatch(/^## Security review checklist: payments-api/);
      expect(fromFile.stdout).toMatch(/- \[ \] .* — threat \S+/);
      const fromStdin = await cli(['review', '--service', demo.service, '--diff', '-'], { input: diff });
      expect(fromStdin.stdout).toBe(fromFile.stdout);
      const fromPaths = await cli(['review', '--service', demo.service, demo.paths[0]]);
      expect(fromPaths.stdout).toBe(fromFile.stdout);
    });

    it('reviews the changes between two commits of a checkout, and records the outcome', async () => {
      const repo = path.join(tmp, 'checkout');
      const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=dev', '-c', 'user.email=dev@example.com', ...args], { cwd: repo, encoding: 'utf8' });
      fs.mkdirSync(repo);
      git('init', '-q', '-b', 'main');
      fs.writeFileSync(path.join(repo, 'README.md'), 'x\n');
      git('add', '.');
      git('commit', '-q', '-m', 'base');
      git('checkout', '-q', '-b', 'feature');
      fs.mkdirSync(path.join(repo, path.dirname(demo.paths[0])), { recursive: true });
      fs.writeFileSync(path.join(repo, demo.paths[0]), 'changed\n');
      git('add', '.');
      git('commit', '-q', '-m', 'change');
      // No --service: the server finds it from the checkout's origin remote.
      git('remote', 'add', 'origin', 'git@github.com:acme/payments-api.git');
      const run = await cli(['review', '--base', 'main', '--head', 'feature', '--change', 'CLI-2', '--outcome', 'approved'], { cwd: repo });
      expect(run.stderr).toBe('recorded: CLI-2 reviewed against the threat model (approved)\n');
      expect(run.status).toBe(0);
      expect(run.stdout).toContain(`1 changed file; components: `);
      expect(run.stdout).toContain(`(\`${demo.key}\`)`);
      const context = await cli(['context', demo.paths[0]], { cwd: repo });
      expect(context.status).toBe(0);
      expect(context.stdout).toMatch(/^# Threat context: payments-api — /);
      const recorded = await servings('CLI-2');
      expect(recorded.map((s) => [s.kind, s.channel, s.outcome, s.components]).sort()).toEqual([
        ['checklist', 'cli', null, [demo.key]],
        ['review', 'cli', 'approved', [demo.key]],
      ]);
    });

    it('says what is wrong: usage errors exit 2, server refusals exit 1 with the explanation', async () => {
      expect((await cli(['context', demo.paths[0]], { cwd: tmp })).status).toBe(2);
      expect((await cli(['review', '--service', demo.service])).status).toBe(2);
      const unknown = await cli(['context', '--service', 'no-such-service', 'a.ts']);
      expect(unknown.status).toBe(1);
      expect(unknown.stderr).toMatch(/HTTP 404: Service no-such-service does not exist/);
      const anonymous = await cli(['context', '--service', demo.service], { env: { ESCAPEMENT_TOKEN: '' } });
      expect(anonymous.status).toBe(1);
      expect(anonymous.stderr).toMatch(/HTTP 401/);
      const badBudget = await cli(['context', '--service', demo.service, '--max-chars', '5']);
      expect(badBudget.stderr).toMatch(/HTTP 400[\s\S]*maxChars/);
    });
  });

  /** The same client checks for both transports: lists the tools and resources and calls each tool. */
  async function exercise(transport: Transport, change: string): Promise<void> {
    const client = new Client({ name: 'escapement-e2e', version: '1.0.0' });
    await client.connect(transport);
    try {
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name).sort()).toEqual(TOOLS);
      for (const tool of tools) {
        expect(tool.description!.length).toBeGreaterThan(80);
        expect(tool.inputSchema.type).toBe('object');
        expect(tool.inputSchema.required).toContain('service');
      }
      expect(tools.find((t) => t.name === 'threat_context')!.inputSchema.required).toEqual(['service', 'paths']);

      const pack = textOf(await client.callTool({ name: 'threat_context', arguments: { service: demo.service, paths: [demo.paths[0]], change } }));
      expect(pack).toMatch(/^# Threat context: payments-api — /);
      expect(pack).toContain('## Threats, by PWNISMS layer');
      const criteria = textOf(await client.callTool({ name: 'acceptance_criteria', arguments: { service: demo.service, paths: [demo.paths[0]], change } }));
      expect(criteria).toMatch(/- \[ \] .* — threat \S+/);
      const checklist = textOf(await client.callTool({ name: 'review_checklist', arguments: { service: demo.service, paths: [demo.paths[0]], change } }));
      expect(checklist).toMatch(/^## Security review checklist: payments-api/);
      const review = textOf(await client.callTool({ name: 'record_review', arguments: { service: demo.service, change, outcome: 'commented', paths: [demo.paths[0]] } }));
      expect(review).toMatch(new RegExp(`^Recorded: ${change} of payments-api reviewed against the threat model, commented`));

      const failed = (await client.callTool({ name: 'threat_context', arguments: { service: 'no-such-service', paths: [] } })) as ToolResult;
      expect(failed.isError).toBe(true);
      expect(textOf(failed)).toMatch(/Service no-such-service does not exist/);
      const invalid = (await client.callTool({ name: 'record_review', arguments: { service: demo.service, change, outcome: 'lgtm' } })) as ToolResult;
      expect(invalid.isError).toBe(true);

      const { resources } = await client.listResources();
      const uri = `escapement://threat-models/${demo.service}`;
      expect(resources.map((r) => r.uri)).toContain(uri);
      const read = await client.readResource({ uri });
      expect((read.contents[0] as { text: string }).text).toMatch(/^# Threat context: payments-api — /);
    } finally {
      await client.close();
    }
    const recorded = await servings(change);
    expect(recorded.map((s) => `${s.kind}/${s.tool}`).sort()).toEqual(['checklist/review_checklist', 'criteria/acceptance_criteria', 'pack/threat_context', 'review/record_review']);
    for (const serving of recorded) expect(serving).toMatchObject({ channel: 'mcp', tokenId: token.id, components: [demo.key] });
  }

  describe('MCP', () => {
    it('serves the tools and resources over stdio from `escapement mcp`', async () => {
      const transport = new StdioClientTransport({ command: process.execPath, args: [CLI, 'mcp'], env: { ...(process.env as Record<string, string>), ESCAPEMENT_URL: url, ESCAPEMENT_TOKEN: token.secret }, stderr: 'pipe' });
      await exercise(transport, 'MCP-STDIO');
    });

    it('serves the tools and resources over Streamable HTTP at /mcp', async () => {
      const transport = new StreamableHTTPClientTransport(new URL(`${url}/mcp`), { requestInit: { headers: { authorization: `Bearer ${token.secret}` } } });
      await exercise(transport, 'MCP-HTTP');
    });

    it('shows a team token only its teams\' models', async () => {
      const [{ id: otherTeam }] = await sut.sql<{ id: string }>(
        `SELECT s.team_id AS id FROM services s JOIN threat_models m ON m.service_id = s.id
          WHERE s.team_id <> (SELECT team_id FROM services WHERE name = $1) ORDER BY s.name LIMIT 1`,
        [demo.service],
      );
      const teamToken = await sut.asToken({ scopes: ['context:read'], teamId: otherTeam });
      const client = new Client({ name: 'escapement-e2e', version: '1.0.0' });
      await client.connect(new StreamableHTTPClientTransport(new URL(`${url}/mcp`), { requestInit: { headers: { authorization: `Bearer ${teamToken.secret}` } } }));
      const { resources } = await client.listResources();
      const visible = (await sut.sql<{ name: string }>(`SELECT s.name FROM services s JOIN threat_models m ON m.service_id = s.id WHERE s.team_id = $1 ORDER BY s.name`, [otherTeam])).map((r) => r.name);
      expect(visible.length).toBeGreaterThan(0);
      expect(resources.map((r) => r.uri).sort()).toEqual(visible.map((name) => `escapement://threat-models/${name}`).sort());
      const refused = (await client.callTool({ name: 'threat_context', arguments: { service: demo.service, paths: [demo.paths[0]] } })) as ToolResult;
      expect(refused.isError).toBe(true);
      expect(textOf(refused)).toMatch(/Service payments-api does not exist/);
      await client.close();
    });

    it('refuses a missing or under-scoped token, and sessions', async () => {
      const initialize = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'x', version: '1' } } };
      const post = () => sut.anonymous().post('/mcp').set('accept', 'application/json, text/event-stream').send(initialize);
      const missing = await post().expect(401);
      expect(missing.headers['www-authenticate']).toMatch(/^Bearer/);
      const writer = await sut.asToken({ scopes: ['findings:write'] });
      const under = await post().set('authorization', `Bearer ${writer.secret}`).expect(403);
      expect(under.body.detail).toMatch(/context:read/);
      await post().set('authorization', 'Bearer esc_nope_nope').expect(401);
      const person = await sut.asUser({ role: 'admin' });
      await sut.anonymous().post('/mcp').set('cookie', person.cookie).set('x-csrf-token', person.csrfToken).send(initialize).expect(403);
      await sut.anonymous().get('/mcp').set('authorization', `Bearer ${token.secret}`).expect(405);
      const ok = await post().set('authorization', `Bearer ${token.secret}`).expect(200);
      expect(ok.body.result.serverInfo.name).toBe('escapement');
    });
  });
});
