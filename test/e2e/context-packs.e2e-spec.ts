import type { AcceptanceCriteriaDto, ContextPackDto, ContextServingDto, ContextUsageDto, ReviewChecklistDto } from '@escapement/domain';
import { DemoSeeder } from '../../apps/api/src/demo/demo-seeder';
import { demoComponentWithEscapes, type DemoComponent } from '../support/demo-context';
import { resetDatabase, startTestApp, type TestApp } from '../support/test-app';

const servingCount = async (app: TestApp) => (await app.sql<{ n: number }>(`SELECT count(*)::int AS n FROM context_servings`))[0].n;
const query = (params: Record<string, string | number | string[]>) =>
  Object.entries(params)
    .flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).map((v) => `${name}=${encodeURIComponent(String(v))}`))
    .join('&');

/** Context packs, acceptance criteria and review checklists over HTTP, over the demo organisation. */
describe('threat-model context over HTTP', () => {
  let sut: TestApp;
  let demo: DemoComponent;

  beforeAll(async () => {
    sut = await startTestApp();
    await resetDatabase(sut);
    expect(await sut.app.get(DemoSeeder).seedIfEmpty({ findings: 1500 })).toBe(true);
    demo = await demoComponentWithEscapes(sut);
    expect(demo.escapes).toBeGreaterThan(0);
    expect(demo.threats.length).toBeGreaterThan(0);
  });
  afterAll(() => sut.close());

  it('serves the pack of a demo component: its threats, with CWE ids, and its past escapes, within the budget', async () => {
    const path = demo.paths[0];
    const response = await sut.http().get(`/api/v1/context-packs?${query({ service: demo.service, path, format: 'json', maxChars: 200_000 })}`).expect(200);
    const pack = response.body as ContextPackDto;
    expect(pack.components.map((c) => c.key)).toEqual([demo.key]);
    expect(pack.components[0].paths).toEqual([path]);
    const threats = pack.layers.flatMap((group) => group.threats);
    expect(threats.map((t) => t.key).sort()).toEqual(demo.threats.map((t) => t.key).sort());
    for (const threat of threats) expect(threat.cweIds).toEqual(demo.threats.find((t) => t.key === threat.key)!.cweIds);
    // Most important first, within and across layer groups.
    const scores = pack.layers.map((group) => group.threats.map((t) => t.importance));
    for (const group of scores) expect([...group].sort((a, b) => b - a)).toEqual(group);
    expect(scores.map((group) => group[0])).toEqual([...scores.map((group) => group[0])].sort((a, b) => b - a));
    expect(pack.escapeCount).toBe(demo.escapes);
    expect(pack.escapes).toHaveLength(demo.escapes);
    expect(pack.escapes.every((e) => e.component === demo.key && ['ci', 'pre_release', 'production'].includes(e.stage))).toBe(true);
    expect(pack.budget).toMatchObject({ maxChars: 200_000, truncated: false, usedChars: JSON.stringify(pack).length });
    expect(response.text.length).toBe(pack.budget.usedChars);

    const markdown = await sut.http().get(`/api/v1/context-packs?${query({ service: demo.service, path })}`).expect(200);
    expect(markdown.headers['content-type']).toMatch(/^text\/markdown; charset=utf-8/);
    expect(markdown.text.length).toBeLessThanOrEqual(16_000);
    expect(markdown.text).toMatch(/^# Threat context: payments-api — /);
    expect(markdown.text).toContain('## What went wrong here before');
    for (const threat of threats.slice(0, 3)) expect(markdown.text).toContain(`**${threat.key}: `);
  });

  it('cuts the least important parts to fit a small budget, and says what it cut at the end', async () => {
    const full = (await sut.http().get(`/api/v1/context-packs?${query({ service: demo.service, path: demo.paths[0], format: 'json', maxChars: 200_000 })}`).expect(200)).body as ContextPackDto;
    const all = full.layers.flatMap((g) => g.threats.map((t) => t.key));
    const small = await sut.http().get(`/api/v1/context-packs?${query({ service: demo.service, path: demo.paths[0], maxChars: 1500 })}`).expect(200);
    expect(small.text.length).toBeLessThanOrEqual(1500);
    expect(small.text).toMatch(/\n---\nCut to fit 1500 characters: .*\n$/);
    const json = (await sut.http().get(`/api/v1/context-packs?${query({ service: demo.service, path: demo.paths[0], maxChars: 1500, format: 'json' })}`).expect(200));
    const pack = json.body as ContextPackDto;
    expect(json.text.length).toBeLessThanOrEqual(1500);
    expect(pack.budget.truncated).toBe(true);
    const kept = pack.layers.flatMap((g) => g.threats.map((t) => t.key));
    expect([...kept, ...pack.budget.cut.threats].sort()).toEqual([...all].sort());
    expect(pack.escapes.length + pack.budget.cut.escapes).toBe(full.escapes.length);
    // What is kept is the most important: no cut threat outranks a kept one.
    const importance = new Map(full.layers.flatMap((g) => g.threats).map((t) => [t.key, t.importance]));
    const lowestKept = Math.min(...kept.map((k) => importance.get(k)!));
    for (const cut of pack.budget.cut.threats) expect(importance.get(cut)!).toBeLessThanOrEqual(lowestKept);

    const tokens = await sut.http().get(`/api/v1/context-packs?${query({ service: demo.service, path: demo.paths[0], maxTokens: 400 })}`).expect(200);
    expect(tokens.text.length).toBeLessThanOrEqual(1600);
    expect(tokens.text).toContain('Cut to fit about 400 tokens');
  });

  it('serves the whole model when no path or component is given, and a component by key or name', async () => {
    const whole = (await sut.http().get(`/api/v1/context-packs?${query({ service: demo.service, format: 'json', maxChars: 500_000 })}`).expect(200)).body as ContextPackDto;
    const [{ n }] = await sut.sql<{ n: number }>(`SELECT count(*)::int AS n FROM tm_components WHERE version_id = (SELECT id FROM threat_model_versions WHERE threat_model_id = $1 ORDER BY version_number DESC LIMIT 1)`, [demo.modelId]);
    expect(whole.components).toHaveLength(n);
    const byKey = (await sut.http().get(`/api/v1/context-packs?${query({ service: demo.service, component: demo.key, format: 'json' })}`).expect(200)).body as ContextPackDto;
    expect(byKey.components.map((c) => c.key)).toEqual([demo.key]);
    const twoPaths = (await sut.http().get(`/api/v1/context-packs?${query({ service: demo.service, path: [demo.paths[0], 'docs/unmodelled.md'], format: 'json' })}`).expect(200)).body as ContextPackDto;
    expect(twoPaths.components.map((c) => c.key)).toEqual([demo.key]);
    expect(twoPaths.unmatchedPaths).toEqual(['docs/unmodelled.md']);
    const byName = (await sut.http().get(`/api/v1/context-packs?${query({ service: demo.service, component: byKey.components[0].name.toUpperCase(), format: 'json' })}`).expect(200)).body as ContextPackDto;
    expect(byName.components.map((c) => c.key)).toEqual([demo.key]);
  });

  it('finds the service from a repository when none is named, however the repository is written', async () => {
    for (const repo of ['git@github.com:acme/payments-api.git', 'https://github.com/acme/payments-api']) {
      const pack = (await sut.http().get(`/api/v1/context-packs?${query({ repo, path: demo.paths[0], format: 'json' })}`).expect(200)).body as ContextPackDto;
      expect(pack.service).toBe(demo.service);
      expect(pack.components.map((c) => c.key)).toEqual([demo.key]);
    }
    const checklist = (await sut.http().post('/api/v1/review-checklists').send({ repo: 'acme/payments-api', paths: [demo.paths[0]], format: 'json' }).expect(200)).body as ReviewChecklistDto;
    expect(checklist.service).toBe(demo.service);
    const missing = await sut.http().get(`/api/v1/context-packs?${query({ repo: 'github.com/acme/unknown' })}`).expect(404);
    expect(missing.body.detail).toBe('A threat model for repository github.com/acme/unknown does not exist');
  });

  it('derives acceptance criteria traceable to each threat and its CWE ids', async () => {
    const list = (await sut.http().get(`/api/v1/acceptance-criteria?${query({ service: demo.service, path: demo.paths[0], format: 'json', maxChars: 100_000 })}`).expect(200)).body as AcceptanceCriteriaDto;
    const applicable = demo.threats.filter((t) => t.status !== 'not_applicable');
    const expected = applicable.reduce((sum, t) => sum + Math.max(1, t.mitigations.filter((m) => m.status !== 'rejected').length), 0);
    expect(list.criteria).toHaveLength(expected);
    for (const criterion of list.criteria) {
      const threat = demo.threats.find((t) => t.key === criterion.threatKey)!;
      expect(criterion.cweIds).toEqual(threat.cweIds);
    }
    const markdown = (await sut.http().get(`/api/v1/acceptance-criteria?${query({ service: demo.service, path: demo.paths[0], maxChars: 100_000 })}`).expect(200)).text;
    const lines = markdown.split('\n').filter((line) => line.startsWith('- [ ] '));
    expect(lines).toHaveLength(expected);
    for (const [i, line] of lines.entries()) {
      const c = list.criteria[i];
      expect(line).toBe(`- [ ] ${c.text} — ${[`threat ${c.threatKey}`, ...c.cweIds.map((id) => `CWE-${id}`)].join(', ')}`);
    }
  });

  it('makes a review checklist from changed paths or a unified diff, tracing each item to a threat', async () => {
    const changed = [demo.paths[0], 'docs/unmodelled.md'];
    const fromPaths = (await sut.http().post('/api/v1/review-checklists').send({ service: demo.service, paths: changed, format: 'json', change: 'PR-77' }).expect(200)).body as ReviewChecklistDto;
    expect(fromPaths.components.map((c) => c.key)).toEqual([demo.key]);
    expect(fromPaths.unmatchedPaths).toEqual(['docs/unmodelled.md']);
    expect(fromPaths.items.length).toBeGreaterThan(0);
    for (const item of fromPaths.items) {
      expect(demo.threats.map((t) => t.key)).toContain(item.threatKey);
      expect(item.cweIds).toEqual(demo.threats.find((t) => t.key === item.threatKey)!.cweIds);
      expect(item.paths).toEqual([demo.paths[0]]);
    }
    const diff = [
      `diff --git a/${demo.paths[0]} b/${demo.paths[0]}`,
      'index 1111111..2222222 100644',
      `--- a/${demo.paths[0]}`,
      `+++ b/${demo.paths[0]}`,
      '@@ -1,1 +1,1 @@',
      '-old',
      '+new',
      'diff --git a/docs/unmodelled.md b/docs/unmodelled.md',
      'deleted file mode 100644',
      '--- a/docs/unmodelled.md',
      '+++ /dev/null',
      '@@ -1 +0,0 @@',
      '-gone',
      '',
    ].join('\n');
    const fromDiff = (await sut.http().post('/api/v1/review-checklists').send({ service: demo.service, diff, format: 'json', change: 'PR-77' }).expect(200)).body as ReviewChecklistDto;
    expect(fromDiff.changedPaths).toEqual(changed);
    expect(fromDiff.items).toEqual(fromPaths.items);
    const markdown = (await sut.http().post('/api/v1/review-checklists').send({ service: demo.service, diff }).expect(200)).text;
    expect(markdown).toMatch(/^## Security review checklist: payments-api/);
    expect(markdown).toContain(`- [ ] ${fromPaths.items[0].text} — threat ${fromPaths.items[0].threatKey}`);
    expect(markdown).toContain('No component of the model covers: `docs/unmodelled.md`');
  });

  it('records every serving with who, how, which components and the change, queryable by service and change', async () => {
    const before = await servingCount(sut);
    const token = await sut.asToken({ scopes: ['context:read'], name: 'assistant-token' });
    await token.http.get(`/api/v1/context-packs?${query({ service: demo.service, path: demo.paths[0], change: 'PR-900' })}`).expect(200);
    await token.http.get(`/api/v1/acceptance-criteria?${query({ service: demo.service, component: demo.key, change: 'PR-900' })}`).set('X-Escapement-Channel', 'cli').expect(200);
    await token.http.post('/api/v1/review-checklists').send({ service: demo.service, paths: [demo.paths[0]], change: 'PR-900' }).expect(200);
    const review = (await token.http.post('/api/v1/context-reviews').send({ service: demo.service, change: 'PR-900', outcome: 'changes_requested', paths: [demo.paths[0]] }).expect(201)).body;
    expect(review).toMatchObject({ service: demo.service, changeRef: 'PR-900', outcome: 'changes_requested' });
    expect(await servingCount(sut)).toBe(before + 4);

    const servings = (await sut.http().get(`/api/v1/context-servings?${query({ service: demo.service, change: 'PR-900' })}`).expect(200)).body as ContextServingDto[];
    expect(servings.map((s) => [s.kind, s.channel]).sort()).toEqual([['checklist', 'http'], ['criteria', 'cli'], ['pack', 'http'], ['review', 'http']]);
    for (const serving of servings) expect(serving).toMatchObject({ actor: 'token:assistant-token', tokenId: token.id, service: demo.service, components: [demo.key], changeRef: 'PR-900' });
    expect(servings.find((s) => s.kind === 'review')!.outcome).toBe('changes_requested');
    expect(servings.find((s) => s.kind === 'pack')!.threats.length).toBeGreaterThan(0);
    const viewer = await sut.asUser({ role: 'viewer' });
    await viewer.http.get(`/api/v1/context-packs?${query({ service: demo.service, component: demo.key })}`).expect(200);
    const [row] = await sut.sql<{ actor: string; user_id: string; token_id: string | null }>(`SELECT actor, user_id, token_id FROM context_servings ORDER BY served_at DESC LIMIT 1`);
    expect(row).toEqual({ actor: `user:${viewer.user.email}`, user_id: viewer.user.id, token_id: null });
  });

  it('shows per component how often its context was fetched against how often it escaped', async () => {
    const usage = (await sut.http().get(`/api/v1/context-usage?${query({ service: demo.service })}`).expect(200)).body as ContextUsageDto;
    const [{ fetched }] = await sut.sql<{ fetched: number }>(`SELECT count(*)::int AS fetched FROM context_servings WHERE threat_model_id = $1 AND $2 = ANY (component_keys)`, [demo.modelId, demo.key]);
    const component = usage.components.find((c) => c.key === demo.key)!;
    expect(component).toMatchObject({ fetched, escapes: demo.escapes });
    expect(fetched).toBeGreaterThan(0);
    expect(usage.components[0].escapes).toBe(Math.max(...usage.components.map((c) => c.escapes)));
  });

  it('limits team tokens and people to their teams\' services, and refuses other callers', async () => {
    const [{ id: otherTeam }] = await sut.sql<{ id: string }>(`SELECT t.id FROM teams t JOIN services s ON s.team_id = t.id WHERE s.name <> $1 AND t.id <> (SELECT team_id FROM services WHERE name = $1) LIMIT 1`, [demo.service]);
    const [{ team_id: ownTeam }] = await sut.sql<{ team_id: string }>(`SELECT team_id FROM services WHERE name = $1`, [demo.service]);
    const before = await servingCount(sut);
    const other = await sut.asToken({ scopes: ['context:read'], teamId: otherTeam });
    const missing = await other.http.get(`/api/v1/context-packs?${query({ service: demo.service })}`).expect(404);
    expect(missing.body.detail).toBe(`Service ${demo.service} does not exist`);
    await other.http.post('/api/v1/review-checklists').send({ service: demo.service, paths: ['a.ts'] }).expect(404);
    // Usage and servings are for readers (the dashboard), limited to their teams as well.
    await other.http.get(`/api/v1/context-usage?${query({ service: demo.service })}`).expect(403);
    const otherReader = await sut.asToken({ scopes: ['read'], teamId: otherTeam });
    await otherReader.http.get(`/api/v1/context-usage?${query({ service: demo.service })}`).expect(404);
    await otherReader.http.get(`/api/v1/context-servings?${query({ service: demo.service })}`).expect(404);
    expect((await other.http.get('/api/v1/context-models').expect(200)).body.map((m: { service: string }) => m.service)).not.toContain(demo.service);
    const own = await sut.asToken({ scopes: ['context:read'], teamId: ownTeam });
    await own.http.get(`/api/v1/context-packs?${query({ service: demo.service, component: demo.key })}`).expect(200);
    const manager = await sut.asUser({ role: 'manager', teamIds: [otherTeam] });
    await manager.http.get(`/api/v1/acceptance-criteria?${query({ service: demo.service })}`).expect(404);

    const writer = await sut.asToken({ scopes: ['findings:write'] });
    expect((await writer.http.get(`/api/v1/context-packs?${query({ service: demo.service })}`).expect(403)).body.detail).toMatch(/context:read/);
    await sut.anonymous().get(`/api/v1/context-packs?${query({ service: demo.service })}`).expect(401);
    expect(await servingCount(sut)).toBe(before + 1);
  });

  it('describes the routes and their response shapes in the OpenAPI document', async () => {
    const document = (await sut.anonymous().get('/api/docs/json').expect(200)).body;
    const ok = (path: string, method: string) => document.paths[path][method].responses['200'].content['application/json'].schema;
    expect(ok('/api/v1/context-packs', 'get')).toEqual({ $ref: '#/components/schemas/ContextPackResponse' });
    expect(ok('/api/v1/acceptance-criteria', 'get')).toEqual({ $ref: '#/components/schemas/AcceptanceCriteriaResponse' });
    expect(ok('/api/v1/review-checklists', 'post')).toEqual({ $ref: '#/components/schemas/ReviewChecklistResponse' });
    expect(Object.keys(document.components.schemas.ContextPackResponse.properties).sort()).toEqual(
      ['assets', 'boundaries', 'budget', 'changeRef', 'components', 'criteria', 'escapeCount', 'escapes', 'layers', 'model', 'service', 'unmatchedPaths'],
    );
    expect(document.paths['/mcp']).toBeUndefined();
  });

  it('answers bad input with a problem that says where, and records nothing of it', async () => {
    const before = await servingCount(sut);
    const bad = async (request: Promise<{ status: number; body: { errors?: { parameter?: string; pointer?: string }[] }; headers: Record<string, string> }>, where: string) => {
      const response = await request;
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body.errors?.map((e) => e.parameter ?? e.pointer)).toContain(where);
    };
    await bad(sut.http().get(`/api/v1/context-packs?${query({ service: demo.service, maxChars: 10 })}`), '/maxChars');
    await bad(sut.http().get(`/api/v1/context-packs?${query({ service: demo.service, format: 'html' })}`), '/format');
    await bad(sut.http().get(`/api/v1/context-packs?${query({ service: demo.service, change: 'two words' })}`), '/change');
    await bad(sut.http().get(`/api/v1/context-packs?${query({ service: demo.service, component: 'no-such-component' })}`), 'component');
    await bad(sut.http().get(`/api/v1/context-packs?${query({ service: demo.service })}`).set('X-Escapement-Channel', 'fax'), 'X-Escapement-Channel');
    await bad(sut.http().get('/api/v1/context-packs'), 'service');
    await bad(sut.http().post('/api/v1/review-checklists').send({ service: demo.service }), '/paths');
    await bad(sut.http().post('/api/v1/review-checklists').send({ service: demo.service, diff: 'not a diff' }), '/diff');
    await bad(sut.http().post('/api/v1/review-checklists').send({ service: demo.service, diff: '+++ b/a.ts', paths: ['a.ts'] }), '/diff');
    await bad(sut.http().post('/api/v1/context-reviews').send({ service: demo.service, change: 'PR-1', outcome: 'lgtm' }), '/outcome');
    await sut.http().get(`/api/v1/context-packs?${query({ service: 'no-such-service' })}`).expect(404);
    await sut.http().post('/api/v1/services').send({ name: 'unmodelled-api' }).expect(201);
    expect((await sut.http().get(`/api/v1/context-packs?${query({ service: 'unmodelled-api' })}`).expect(404)).body.detail).toBe('Threat model of service unmodelled-api does not exist');
    expect(await servingCount(sut)).toBe(before);
  });
});
