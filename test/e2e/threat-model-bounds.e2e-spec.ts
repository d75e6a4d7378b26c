import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createTokenWithCli } from '../support/cli';
import { aFinding } from '../support/findings-fixture';
import { startServerProcess, type ServerProcess } from '../support/server-process';
import { testDatabaseUrl } from '../support/test-app';

/**
 * Hostile and large threat models against the built server in its own process, so that a request that
 * hangs the server fails this spec (after a generous wait) instead of hanging the test runner. Every
 * request waits at most ANSWER_MS; none of these should take more than a fraction of it.
 */
const ANSWER_MS = 20_000;
const onPostgres = process.env.ESCAPEMENT_TEST_DB === 'postgres';

const nativeModel = (components: string) => `escapementThreatModel: 1\nname: g\ncomponents:\n${components}`;

describe('threat-model uploads the server must answer promptly, while it keeps answering others', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'escapement-tm-bounds-'));
  const target = onPostgres ? { databaseUrl: testDatabaseUrl() } : { dataDir };
  let server: ServerProcess;
  let headers: Record<string, string>;
  const service = `bounds-${Date.now()}`;

  beforeAll(async () => {
    server = await startServerProcess({ ...(onPostgres ? { DATABASE_URL: testDatabaseUrl() } : { ESCAPEMENT_DATA_DIR: dataDir }), ESCAPEMENT_DEMO: '0' });
    headers = { authorization: `Bearer ${createTokenWithCli(target, 'admin')}` };
    // Findings for the models to place: relinking matches each against every component.
    const findings = Array.from({ length: 3000 }, (_, i) =>
      aFinding({ service, fingerprint: `f-${i}`, ruleId: `rule-${i % 50}`, location: { repo: 'github.com/acme/bounds', path: `src/module-${i % 1000}/${'deep/'.repeat(i % 7)}file-${i}.ts`, line: 1 } }),
    );
    const stored = await send('POST', '/api/v1/findings', JSON.stringify(findings), 'application/json');
    expect(stored.status).toBe(200);
  }, 120_000);

  afterAll(async () => {
    if (server?.child.exitCode === null) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** Large valid models may take longer to store than hostile ones to refuse: `waitMs` says how long to wait. */
  function send(method: string, route: string, body: string | undefined, contentType: string, waitMs = ANSWER_MS) {
    return fetch(`${server.url}${route}`, { method, headers: { ...headers, 'content-type': contentType }, body, signal: AbortSignal.timeout(waitMs) });
  }

  /** Runs `work` while asking for the health check every 50 ms; each must answer within ANSWER_MS. */
  async function whileHealthAnswers<T>(work: () => Promise<T>): Promise<{ result: T; health: number[] }> {
    let done = false;
    const health: number[] = [];
    const poll = (async () => {
      while (!done) {
        health.push((await fetch(`${server.url}/api/health`, { signal: AbortSignal.timeout(ANSWER_MS) })).status);
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    try {
      return { result: await work(), health };
    } finally {
      done = true;
      await poll;
    }
  }

  it('answers a component glob of 40 × "**/" then "x" (it used to hang the server)', async () => {
    const glob = `${'**/'.repeat(40)}x`;
    const { result, health } = await whileHealthAnswers(() => send('POST', `/api/v1/threat-models?service=${service}`, nativeModel(`  - key: g\n    name: g\n    match:\n      paths: ["${glob}"]\n`), 'application/yaml'));
    expect(result.status).toBe(201);
    expect(health.every((status) => status === 200)).toBe(true);
  });

  it('refuses globs and match lists over the limits with a 400 naming their place', async () => {
    const manyStars = `${'*a'.repeat(40)}*b`;
    const response = await send('POST', `/api/v1/threat-models?service=${service}`, nativeModel(`  - key: g\n    name: g\n    match:\n      paths: ["src/**", "${manyStars}"]\n`), 'application/yaml');
    expect(response.status).toBe(400);
    const problem = (await response.json()) as { errors: { pointer: string; message: string }[] };
    expect(problem.errors).toEqual([expect.objectContaining({ pointer: '/components/0/match/paths/1', message: expect.stringContaining('has 41 wildcards') })]);
  });

  it('answers a rule-id glob of "*a" × 8 then "*b" against a 60-character rule id', async () => {
    const rule = await send('POST', '/api/v1/classification-rules', JSON.stringify({ match: { ruleId: `${'*a'.repeat(8)}*b` }, findingClass: 'design' }), 'application/json');
    expect(rule.status).toBe(201);
    const { result, health } = await whileHealthAnswers(() => send('POST', '/api/v1/findings', JSON.stringify([aFinding({ service, fingerprint: 'long-rule', ruleId: 'a'.repeat(60) })]), 'application/json'));
    expect(result.status).toBe(200);
    expect(health.every((status) => status === 200)).toBe(true);
    const tooMany = await send('POST', '/api/v1/classification-rules', JSON.stringify({ match: { ruleId: `${'*a'.repeat(40)}` }, findingClass: 'design' }), 'application/json');
    expect(tooMany.status).toBe(400);
    expect(((await tooMany.json()) as { errors: { pointer: string }[] }).errors).toEqual([expect.objectContaining({ pointer: '/match/ruleId' })]);
  });

  it('refuses a 2 MB file of nested arrays with a 400 at the bracket that nests too deep', async () => {
    const depth = 1_000_000;
    const { result, health } = await whileHealthAnswers(() => send('POST', `/api/v1/threat-models?service=${service}`, `${'['.repeat(depth)}${']'.repeat(depth)}`, 'application/octet-stream'));
    expect(result.status).toBe(400);
    const problem = (await result.json()) as { errors: { line: number; column: number; message: string }[] };
    expect(problem.errors).toEqual([expect.objectContaining({ line: 1, column: 65, message: expect.stringContaining('deeper than 64 levels') })]);
    expect(health.every((status) => status === 200)).toBe(true);
  });

  it('imports a valid model of 1,000 components while the health check keeps answering', async () => {
    const components = Array.from({ length: 1000 }, (_, i) => ({ key: `c${i}`, name: `Module ${i}`, match: { paths: [`src/module-${i}/**`, `src/module-${i}/**/*.ts`] } }));
    const threats = Array.from({ length: 1000 }, (_, i) => ({ key: `t${i}`, title: `Injection in module ${i}`, components: [`c${i}`], cweIds: [89] }));
    const model = JSON.stringify({ escapementThreatModel: 1, name: 'Large', components, threats });
    const { result, health } = await whileHealthAnswers(() => send('POST', `/api/v1/threat-models?service=${service}&fileName=large.json`, model, 'application/octet-stream', 3 * ANSWER_MS));
    expect(result.status).toBe(201);
    expect(health.every((status) => status === 200)).toBe(true);
    // Every one of the 3,000 findings sits in its module's component, with that component's threat.
    // On a shared database other specs' models are listed too: this spec's is the one of its service.
    const models = (await (await send('GET', '/api/v1/threat-models', undefined, 'application/json')).json()) as { id: string; service: string }[];
    const { id } = models.find((model) => model.service === service)!;
    const inModule7 = (await (await send('GET', `/api/v1/findings?threatModel=${id}&component=c7&limit=500`, undefined, 'application/json')).json()) as { items: unknown[] };
    expect(inModule7.items).toHaveLength(3);
  }, 180_000);

  it('reads a YAML model of 5,000 components in a worker while the health check keeps answering, and refuses one more', async () => {
    const component = (i: number) => `  - key: y${i}\n    name: Module ${i}\n    description: ${'words '.repeat(20)}\n    match:\n      paths: ["src/module-${i % 1000}/**/*.ts"]\n`;
    const yaml = (count: number) => nativeModel(Array.from({ length: count }, (_, i) => component(i)).join(''));
    const { result, health } = await whileHealthAnswers(() => send('POST', `/api/v1/threat-models?service=${service}`, yaml(5000), 'application/yaml', 3 * ANSWER_MS));
    expect(result.status).toBe(201);
    expect(((await result.json()) as { version: { counts: { components: number } } }).version.counts.components).toBe(5000);
    expect(health.every((status) => status === 200)).toBe(true);
    const over = await send('POST', `/api/v1/threat-models?service=${service}`, yaml(5001), 'application/yaml', 3 * ANSWER_MS);
    expect(over.status).toBe(400);
    expect(((await over.json()) as { errors: { pointer: string; message: string }[] }).errors).toEqual([
      expect.objectContaining({ pointer: '/components', message: 'has 5001 components; a model may have at most 5000' }),
    ]);
  }, 180_000);
});

describe('a threat-model file that needs more memory to read than the server allows', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'escapement-tm-memory-'));
  const target = onPostgres ? { databaseUrl: testDatabaseUrl() } : { dataDir };
  let server: ServerProcess;
  afterAll(async () => {
    if (server?.child.exitCode === null) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('is refused with a 413 naming the limit, and the server goes on answering', async () => {
    server = await startServerProcess({
      ...(onPostgres ? { DATABASE_URL: testDatabaseUrl() } : { ESCAPEMENT_DATA_DIR: dataDir }),
      ESCAPEMENT_DEMO: '0',
      ESCAPEMENT_THREAT_MODEL_PARSE_MEMORY_MB: '64',
      ESCAPEMENT_THREAT_MODEL_MAX_COMPONENTS: '100000',
    });
    const headers = { authorization: `Bearer ${createTokenWithCli(target, 'admin')}`, 'content-type': 'application/yaml' };
    const model = nativeModel(Array.from({ length: 60_000 }, (_, i) => `  - key: c${i}\n    name: Component ${i}\n`).join(''));
    const response = await fetch(`${server.url}/api/v1/threat-models?service=memory-${Date.now()}`, { method: 'POST', headers, body: model, signal: AbortSignal.timeout(ANSWER_MS * 3) });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { detail: string }).detail).toMatch(/could not be read within 64 MB of memory/);
    expect((await fetch(`${server.url}/api/health`, { signal: AbortSignal.timeout(ANSWER_MS) })).status).toBe(200);
  }, 120_000);
});
