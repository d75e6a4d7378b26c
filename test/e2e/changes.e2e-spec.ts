import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { changeContext, tallyChangeFindings, type ChangeContextMetricDto, type ChangeDetailDto, type ChangeDto, type ContextChangeFinding, type Page } from '@escapement/domain';
import { ChangesRepository } from '../../apps/api/src/changes/changes.repository';
import { DemoSeeder } from '../../apps/api/src/demo/demo-seeder';
import { escapementAsync } from '../support/cli-async';
import { demoComponentWithEscapes, type DemoComponent } from '../support/demo-context';
import { resetDatabase, startTestApp, type TestApp } from '../support/test-app';

/**
 * Rows where the histograms the database keeps per change, class and stage (change_finding_lags) differ
 * from the counted findings of each lag counted afresh, or hold lags out of order: 0 when they are exact.
 */
const LAGS_DRIFT = `
  WITH fresh AS (
    SELECT f.linked_change_id AS change_id, f.finding_class, f.first_detected_stage,
           change_finding_lag(f.first_detected_at, coalesce(f.introduced_at, c.merged_at, c.opened_at, c.recorded_at)) AS lag_days, count(*)::int AS n
      FROM findings f JOIN changes c ON c.id = f.linked_change_id AND c.service_id = f.service_id
     WHERE f.status NOT IN ('suppressed', 'false_positive')
     GROUP BY 1, 2, 3, 4),
  kept AS (
    SELECT h.change_id, h.finding_class, h.first_detected_stage, l.lag_days,
           l.within - coalesce(lag(l.within) OVER (PARTITION BY h.change_id, h.finding_class, h.first_detected_stage ORDER BY l.i), 0) AS n
      FROM change_finding_lags h, unnest(h.lag_days, h.findings_within) WITH ORDINALITY AS l(lag_days, within, i))
  SELECT (SELECT count(*) FROM ((SELECT * FROM fresh EXCEPT ALL SELECT * FROM kept) UNION ALL (SELECT * FROM kept EXCEPT ALL SELECT * FROM fresh)) d)::int
       + (SELECT count(*) FROM change_finding_lags WHERE lag_days <> ARRAY(SELECT DISTINCT x FROM unnest(lag_days) x ORDER BY x)
                                                   OR cardinality(lag_days) <> cardinality(findings_within))::int AS n`;

/** Changes over HTTP and the CLI: context flags derived from servings, links by commit, and the change-context metric. */
describe('changes', () => {
  let sut: TestApp;
  let url: string;
  let demo: DemoComponent;
  let ci: { id: string; secret: string };
  let developer: { id: string; secret: string };
  let repo: string;

  const cli = (args: string[], token: string, cwd?: string) => escapementAsync(args, { cwd, env: { ESCAPEMENT_URL: url, ESCAPEMENT_TOKEN: token } });
  const changeByRef = async (service: string, ref: string) => {
    const page = (await sut.http().get(`/api/v1/changes?service=${service}&q=${encodeURIComponent(ref)}`).expect(200)).body as Page<ChangeDto>;
    const change = page.items.find((c) => c.ref === ref);
    return (await sut.http().get(`/api/v1/changes/${change!.id}`).expect(200)).body as ChangeDetailDto;
  };

  beforeAll(async () => {
    sut = await startTestApp();
    await resetDatabase(sut);
    expect(await sut.app.get(DemoSeeder).seedIfEmpty({ findings: 600 })).toBe(true);
    demo = await demoComponentWithEscapes(sut);
    await sut.app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(sut.app.getHttpServer().address() as AddressInfo).port}`;
    ci = await sut.asToken({ scopes: ['findings:write'], name: 'ci-pipeline' });
    developer = await sut.asToken({ scopes: ['context:read'], name: 'developer-laptop' });
    repo = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'escapement-changes-')));
  });
  afterAll(async () => {
    fs.rmSync(repo, { recursive: true, force: true });
    await sut.close();
  });

  describe('the demo organisation', () => {
    it('has changes linked to its findings by commit, whose context coverage rises after each adoption', async () => {
      const metric = (await sut.http().get('/api/v1/metrics/change-context').expect(200)).body as ChangeContextMetricDto;
      expect(metric.changes + metric.immatureChanges).toBeGreaterThan(0);
      const [{ linked }] = await sut.sql<{ linked: number }>(`SELECT count(*)::int AS linked FROM finding_changes WHERE link_source = 'commit'`);
      expect(linked).toBeGreaterThan(0);
      expect(metric.linkedFindings).toBeLessThanOrEqual(linked);
      expect(metric.adoptions.length).toBeGreaterThan(0);
      for (const adoption of metric.adoptions) {
        const points = metric.coverage.filter((p) => p.teamId === adoption.teamId);
        const share = (after: boolean) => {
          const chosen = points.filter((p) => (p.period >= adoption.startedAt) === after);
          return chosen.reduce((sum, p) => sum + p.all, 0) / chosen.reduce((sum, p) => sum + p.changes, 0);
        };
        expect(share(true)).toBeGreaterThan(share(false));
      }
    });

    it('gives the same figures, p-values included, however the database happens to return the changes', async () => {
      const before = (await sut.http().get('/api/v1/metrics/change-context').expect(200)).body as ChangeContextMetricDto;
      // Rewriting the oldest half of the rows moves them to the end of the table, so an unordered scan lists them last.
      await sut.sql(`UPDATE changes SET title = title WHERE id IN (SELECT id FROM changes ORDER BY coalesce(merged_at, opened_at, recorded_at) LIMIT (SELECT count(*) / 2 FROM changes))`);
      const after = (await sut.http().get('/api/v1/metrics/change-context').expect(200)).body as ChangeContextMetricDto;
      expect(after.comparisons.some((c) => c.stratified.clusterPValue !== null)).toBe(true);
      expect(after.comparisons).toEqual(before.comparisons);
    });
  });

  describe('recording', () => {
    it('is idempotent by service and ref: a re-send updates and adds, never duplicates or erases', async () => {
      const first = await sut.http().post('/api/v1/changes').send({ service: 'orders-api', ref: '#1', title: 'Refunds', threatModelLinked: true }).expect(200);
      expect(first.body.created).toBe(true);
      const again = await sut.http().post('/api/v1/changes').send({ service: 'orders-api', ref: '#1', mergedAt: '2026-03-02T10:00:00Z' }).expect(200);
      expect(again.body).toEqual({ id: first.body.id, created: false });
      const detail = await changeByRef('orders-api', '#1');
      expect(detail).toMatchObject({ title: 'Refunds', mergedAt: '2026-03-02T10:00:00.000Z', flags: { threatModelLinked: { value: true, source: 'declared' }, promptContext: { value: null, source: null } } });
      const [{ count }] = await sut.sql<{ count: number }>(`SELECT count(*)::int AS count FROM changes c JOIN services s ON s.id = c.service_id WHERE s.name = 'orders-api'`);
      expect(count).toBe(1);
    });

    it('answers bad input with a 400 naming the field, and stores nothing of a refused body', async () => {
      const before = (await sut.sql<{ count: number }>(`SELECT count(*)::int AS count FROM changes`))[0].count;
      const sha = await sut.http().post('/api/v1/changes').send({ service: 'orders-api', ref: '#2', commits: ['abcdef1', 'not-a-sha'] }).expect(400);
      expect(sha.body.errors).toEqual([expect.objectContaining({ pointer: '/commits' })]);
      const order = await sut.http().post('/api/v1/changes').send({ service: 'orders-api', ref: '#3', openedAt: '2026-03-02T10:00:00Z', mergedAt: '2026-03-01T10:00:00Z' }).expect(400);
      expect(order.body.errors).toEqual([expect.objectContaining({ pointer: '/mergedAt' })]);
      const duplicate = await sut.http().post('/api/v1/changes/bulk').send([{ service: 'orders-api', ref: '#4' }, { service: 'orders-api', ref: '#4' }]).expect(400);
      expect(duplicate.body.errors).toEqual([expect.objectContaining({ pointer: '/1/ref' })]);
      await sut.http().post('/api/v1/changes').send({ service: 'orders-api', ref: '#5', promptContext: 'yes' }).expect(400);
      expect((await sut.sql<{ count: number }>(`SELECT count(*)::int AS count FROM changes`))[0].count).toBe(before);
    });

    it('back-fills from a CSV export as imported flags, and points at the line and column of a bad cell', async () => {
      const csv = 'service,ref,title,merged_at,threat_model_linked,prompt_context\norders-api,CSV-1,From Jira,2026-02-01T10:00:00Z,yes,\norders-api,CSV-2,,2026-02-02T10:00:00Z,no,true\n';
      const stored = await sut.http().post('/api/v1/changes/bulk').set('content-type', 'text/csv').send(csv).expect(200);
      expect(stored.body).toEqual({ received: 2, created: 2, updated: 0 });
      expect((await changeByRef('orders-api', 'CSV-1')).flags).toMatchObject({ threatModelLinked: { value: true, source: 'imported' }, promptContext: { value: null } });
      const bad = 'service,ref,merged_at,opened_at\norders-api,CSV-3,2026-02-01T10:00:00Z,2026-02-03T10:00:00Z\norders-api,CSV-4,not a date,\n';
      const refused = await sut.http().post('/api/v1/changes/bulk').set('content-type', 'text/csv').send(bad).expect(400);
      expect(refused.body.errors).toEqual([expect.objectContaining({ line: 2, column: 3 }), expect.objectContaining({ line: 3, column: 3 })]);
      expect((await sut.sql<{ count: number }>(`SELECT count(*)::int AS count FROM changes WHERE ref IN ('CSV-3', 'CSV-4')`))[0].count).toBe(0);
    });

    it('refuses a team-limited token another team’s service (403) and a read token (403); a team-limited reader sees only its team’s changes', async () => {
      const [team] = await sut.sql<{ id: string }>(`INSERT INTO teams (name) VALUES ('change-writers') RETURNING id`);
      const limited = await sut.asToken({ scopes: ['findings:write'], teamId: team.id });
      await limited.http.post('/api/v1/changes').send({ service: 'payments-api', ref: 'X-1' }).expect(403);
      const created = await limited.http.post('/api/v1/changes').send({ service: 'writers-new-api', ref: 'X-1' }).expect(200);
      expect(created.body.created).toBe(true);
      const reader = await sut.asToken({ scopes: ['read'] });
      await reader.http.post('/api/v1/changes').send({ service: 'writers-new-api', ref: 'X-2' }).expect(403);
      const teamReader = await sut.asToken({ scopes: ['read'], teamId: team.id });
      const seen = (await teamReader.http.get('/api/v1/changes').expect(200)).body as Page<ChangeDto>;
      expect(seen.items.map((c) => c.serviceName)).toEqual(['writers-new-api']);
    });
  });

  describe('a pack served with a change ref marks that change (issue 12)', () => {
    it('over HTTP: pack → promptContext, criteria → acceptanceCriteria, checklist → reviewedAgainstModel, all derived', async () => {
      await sut.http().post('/api/v1/changes').send({ service: demo.service, ref: 'HTTP-1' }).expect(200);
      expect((await changeByRef(demo.service, 'HTTP-1')).flags.promptContext).toEqual({ value: null, source: null });
      const dev = { authorization: `Bearer ${developer.secret}` };
      const query = `service=${demo.service}&path=${encodeURIComponent(demo.paths[0])}&change=HTTP-1`;
      await sut.anonymous().get(`/api/v1/context-packs?${query}`).set(dev).expect(200);
      expect((await changeByRef(demo.service, 'HTTP-1')).flags).toMatchObject({ promptContext: { value: true, source: 'derived' }, acceptanceCriteria: { value: null } });
      await sut.anonymous().get(`/api/v1/acceptance-criteria?${query}`).set(dev).expect(200);
      await sut.anonymous().post('/api/v1/review-checklists').set(dev).send({ service: demo.service, paths: [demo.paths[0]], change: 'HTTP-1' }).expect(200);
      const flags = (await changeByRef(demo.service, 'HTTP-1')).flags;
      expect(flags).toEqual({
        threatModelLinked: { value: null, source: null },
        acceptanceCriteria: { value: true, source: 'derived' },
        promptContext: { value: true, source: 'derived' },
        reviewedAgainstModel: { value: true, source: 'derived' },
      });
    });

    it('through the CLI: `escapement context --change` then `escapement change record` shows the flag derived', async () => {
      const pack = await cli(['context', '--service', demo.service, demo.paths[0], '--change', 'CLI-7'], developer.secret);
      expect(pack.status).toBe(0);
      git(['init', '-q']);
      write('README.md', ['hello']);
      commit('start', '2026-01-05T09:00:00Z');
      const recorded = await cli(['change', 'record', '--service', demo.service, '--ref', 'CLI-7', '--threat-model-linked', 'true'], ci.secret, repo);
      expect(recorded.stderr).toBe('');
      expect(recorded.stdout).toMatch(/^change CLI-7 of payments-api: recorded, 1 commit \(change [0-9a-f-]{36}\)\n$/);
      expect((await changeByRef(demo.service, 'CLI-7')).flags).toMatchObject({ promptContext: { value: true, source: 'derived' }, threatModelLinked: { value: true, source: 'declared' } });
    });
  });

  const git = (args: string[], at?: string) =>
    execFileSync('git', ['-c', 'user.name=Dev', '-c', 'user.email=dev@example.com', '-c', 'commit.gpgsign=false', ...args], {
      cwd: repo,
      encoding: 'utf8',
      env: { ...process.env, ...(at ? { GIT_AUTHOR_DATE: at, GIT_COMMITTER_DATE: at } : {}) },
    }).trim();
  const commit = (message: string, at: string) => {
    git(['add', '-A']);
    git(['commit', '-q', '-m', message], at);
    return git(['rev-parse', 'HEAD']);
  };
  const write = (file: string, lines: string[]) => {
    fs.mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
    fs.writeFileSync(path.join(repo, file), `${lines.join('\n')}\n`);
  };

  describe('a finding uploaded with --blame links to the change the CLI recorded in a real git repository', () => {
    it('links by the introducing commit, and the finding shows its change', async () => {
      const base = git(['rev-parse', 'HEAD']);
      write('src/refunds.ts', ['export function refund() {', '  // no owner check', '}']);
      const flawed = commit('refunds without owner check', '2026-01-06T10:00:00Z');
      write('src/other.ts', ['export const x = 1;']);
      const other = commit('other', '2026-01-06T11:00:00Z');
      fs.writeFileSync(path.join(repo, 'review.json'), JSON.stringify([{ title: 'Refund without owner check', severity: 'high', sourceKind: 'pentest', cweIds: [639], fingerprint: 'CH-1', location: { path: 'src/refunds.ts', line: 2 } }]));
      const upload = await cli(['upload', '--blame', 'review.json', '--service', 'refunds-api'], ci.secret, repo);
      expect(upload.stderr).toBe('');
      expect(upload.stdout).toMatch(/1 of 1 dated by git blame/);
      fs.writeFileSync(path.join(repo, '.escapement.yml'), 'service: refunds-api\nchange:\n  threatModelLinked: true\n  aiAssisted: true\n');
      const recorded = await cli(['change', 'record', '--ref', '#42', '--base', base, '--head', 'HEAD', '--title', 'Refunds', '--ai-assisted', 'false'], ci.secret, repo);
      expect(recorded.stderr).toBe('');
      expect(recorded.stdout).toMatch(/recorded, 2 commits/);
      fs.rmSync(path.join(repo, '.escapement.yml'));
      const change = await changeByRef('refunds-api', '#42');
      // The service and a flag from .escapement.yml; the command line wins over the file.
      expect(change).toMatchObject({ aiAssisted: false, flags: { threatModelLinked: { value: true, source: 'declared' } } });
      expect(change.commits).toEqual([flawed, other]);
      expect(change.findingsLinked).toEqual([expect.objectContaining({ title: 'Refund without owner check', introducedCommit: flawed, linkedBy: 'commit' })]);
      const [finding] = await sut.sql<{ id: string }>(`SELECT f.id FROM findings f JOIN services s ON s.id = f.service_id WHERE s.name = 'refunds-api'`);
      const ofFinding = await sut.http().get(`/api/v1/findings/${finding.id}/change`).expect(200);
      expect(ofFinding.body.change).toMatchObject({ id: change.id, ref: '#42', linkedBy: 'commit' });
    });

    it('links every finding of an upload sent with --change to that change, by its ref', async () => {
      fs.writeFileSync(path.join(repo, 'pentest.json'), JSON.stringify([{ title: 'Refund amount not bounded', severity: 'medium', sourceKind: 'pentest', fingerprint: 'CH-2' }]));
      const upload = await cli(['upload', '--no-blame', 'pentest.json', '--service', 'refunds-api', '--change', '#42'], ci.secret, repo);
      expect(upload.stderr).toBe('');
      const change = await changeByRef('refunds-api', '#42');
      expect(change.findingsLinked.map((f) => [f.title, f.linkedBy]).sort()).toEqual([
        ['Refund amount not bounded', 'change_ref'],
        ['Refund without owner check', 'commit'],
      ]);
      await sut.sql(`DELETE FROM findings WHERE fingerprint = 'CH-2'`);
    });

    it('a link by hand wins, and is refused across services', async () => {
      const [finding] = await sut.sql<{ id: string }>(`SELECT f.id FROM findings f JOIN services s ON s.id = f.service_id WHERE s.name = 'refunds-api'`);
      const second = (await sut.http().post('/api/v1/changes').send({ service: 'refunds-api', ref: '#43' }).expect(200)).body.id as string;
      const linked = await sut.http().put(`/api/v1/findings/${finding.id}/change`).send({ changeId: second }).expect(200);
      expect(linked.body.change).toMatchObject({ ref: '#43', linkedBy: 'manual' });
      const foreign = (await sut.http().post('/api/v1/changes').send({ service: 'orders-api', ref: '#99' }).expect(200)).body.id as string;
      const refused = await sut.http().put(`/api/v1/findings/${finding.id}/change`).send({ changeId: foreign }).expect(400);
      expect(refused.body.errors).toEqual([expect.objectContaining({ pointer: '/changeId' })]);
      const untied = await sut.http().put(`/api/v1/findings/${finding.id}/change`).send({ changeId: null }).expect(200);
      expect(untied.body.change).toMatchObject({ ref: '#42', linkedBy: 'commit' });
      const [unlinked] = await sut.sql<{ id: string }>(`SELECT f.id FROM findings f WHERE NOT EXISTS (SELECT 1 FROM finding_changes fc WHERE fc.finding_id = f.id) LIMIT 1`);
      expect((await sut.http().get(`/api/v1/findings/${unlinked.id}/change`).expect(200)).body).toEqual({ change: null });
    });
  });

  describe('a change recorded after its findings were uploaded', () => {
    it('links them by commit and by ref; an earlier merge holding the same commit takes it, and gives it back when its commits change', async () => {
      const flawed = 'a1'.repeat(20);
      const elsewhere = 'b2'.repeat(20);
      await sut
        .http()
        .post('/api/v1/findings')
        .send([
          { service: 'late-api', title: 'Late by commit', severity: 'high', sourceKind: 'pentest', fingerprint: 'LATE-1', introducedCommit: flawed },
          { service: 'late-api', title: 'Late by ref', severity: 'medium', sourceKind: 'pentest', fingerprint: 'LATE-2', changeRef: '#7' },
        ])
        .expect(200);
      const [byCommit] = await sut.sql<{ id: string }>(`SELECT id FROM findings WHERE fingerprint = 'LATE-1'`);
      const changeOf = async () => (await sut.http().get(`/api/v1/findings/${byCommit.id}/change`).expect(200)).body.change;
      expect(await changeOf()).toBeNull();

      await sut.http().post('/api/v1/changes').send({ service: 'late-api', ref: '#7', commits: [flawed], mergedAt: '2026-03-02T12:00:00Z' }).expect(200);
      const change = await changeByRef('late-api', '#7');
      expect(change.findings).toBe(2);
      expect(change.findingsLinked.map((f) => [f.title, f.linkedBy]).sort()).toEqual([
        ['Late by commit', 'commit'],
        ['Late by ref', 'change_ref'],
      ]);
      expect(await changeOf()).toMatchObject({ id: change.id, linkedBy: 'commit' });

      await sut.http().post('/api/v1/changes').send({ service: 'late-api', ref: '#6', commits: [flawed], mergedAt: '2026-03-01T12:00:00Z' }).expect(200);
      expect(await changeOf()).toMatchObject({ ref: '#6', linkedBy: 'commit' });
      expect((await changeByRef('late-api', '#7')).findings).toBe(1);

      await sut.http().post('/api/v1/changes').send({ service: 'late-api', ref: '#6', commits: [elsewhere] }).expect(200);
      expect(await changeOf()).toMatchObject({ ref: '#7', linkedBy: 'commit' });
      expect((await changeByRef('late-api', '#6')).findings).toBe(0);
      // The stored links are those the read-time rule gives.
      const [drift] = await sut.sql<{ n: number }>(`
        SELECT count(*)::int AS n FROM findings f, LATERAL finding_change_link(f.service_id, f.change_id, f.change_ref, f.introduced_commit) l
         WHERE (f.linked_change_id, f.change_link_source) IS DISTINCT FROM (l.change_id, l.link_source)`);
      expect(drift.n).toBe(0);
    });
  });

  describe('the change-context metric', () => {
    it('equals an independent computation: rates, per 100 changes, and the Mantel–Haenszel odds ratio over quarters', async () => {
      // Service metric-api, two quarters of 2025; each change has findings linked by change ref.
      // Q1: with context 1 escaped of 4 (one change), without 3 of 4 (one change). Q2: with 2 of 5, without 2 of 3.
      const full = { threatModelLinked: true, acceptanceCriteria: true, promptContext: true, reviewedAgainstModel: true };
      const none = { threatModelLinked: false, acceptanceCriteria: false, promptContext: false, reviewedAgainstModel: false };
      const plan = [
        { ref: 'M-1', merged: '2025-02-01', flags: full, escaped: 1, kept: 3 },
        { ref: 'M-2', merged: '2025-02-10', flags: none, escaped: 3, kept: 1 },
        { ref: 'M-3', merged: '2025-05-01', flags: full, escaped: 2, kept: 3 },
        { ref: 'M-4', merged: '2025-05-10', flags: none, escaped: 2, kept: 1 },
        { ref: 'M-5', merged: '2025-05-20', flags: none, escaped: 0, kept: 0 },
      ];
      await sut.http().post('/api/v1/changes/bulk').send(plan.map((p) => ({ service: 'metric-api', ref: p.ref, mergedAt: `${p.merged}T12:00:00Z`, ...p.flags }))).expect(200);
      let n = 0;
      const findings = plan.flatMap((p) =>
        [...Array(p.escaped + p.kept)].map((_, i) => ({
          service: 'metric-api',
          title: `finding ${++n}`,
          severity: 'high',
          sourceKind: i < p.escaped ? 'pentest' : 'code_review',
          cweIds: [639],
          fingerprint: `M-F-${n}`,
          detectedAt: `${p.merged}T18:00:00Z`,
          changeRef: p.ref,
        })),
      );
      await sut.http().post('/api/v1/findings').send(findings).expect(200);
      const metric = (await sut.http().get('/api/v1/metrics/change-context?service=metric-api&horizonDays=90').expect(200)).body as ChangeContextMetricDto;
      expect(metric).toMatchObject({ changes: 5, immatureChanges: 0, linkedFindings: 16, countedFindings: 16 });
      const all = metric.comparisons.find((c) => c.flag === 'all' && c.findingClass === 'all')!;
      expect(all.with).toMatchObject({ changes: 2, findings: 9, escaped: 3, findingsPer100Changes: 450, escapesPer100Changes: 150 });
      expect(all.with.rate).toBeCloseTo(3 / 9, 12);
      expect(all.without).toMatchObject({ changes: 3, unknown: 0, findings: 7, escaped: 5 });
      expect(all.without.findingsPer100Changes).toBeCloseTo(700 / 3, 9);
      // Mantel–Haenszel by hand: Q1 a=1 b=3 c=3 d=1 n=8; Q2 a=2 b=3 c=2 d=1 n=8.
      const r = (1 * 1) / 8 + (2 * 1) / 8;
      const s = (3 * 3) / 8 + (3 * 2) / 8;
      expect(all.stratified.oddsRatio).toBeCloseTo(r / s, 12);
      expect(all.stratified.strata).toBe(2);
      const design = metric.comparisons.find((c) => c.flag === 'promptContext' && c.findingClass === 'design')!;
      expect(design.with.findings + design.without.findings).toBe(16);
      expect(metric.escapedWithoutContext.filter((e) => e.serviceName === 'metric-api')).toHaveLength(5);
      const coverage = metric.coverage.filter((p) => p.period === '2025-05-01');
      expect(coverage).toEqual([expect.objectContaining({ changes: 3, all: 1, promptContext: 1 })]);
    });

    it('after links, statuses, classes and dates change and a finding goes, equals the per-finding computation over the findings as stored', async () => {
      const metricOf = async (query: string) => (await sut.http().get(`/api/v1/metrics/change-context?service=metric-api&${query}`).expect(200)).body as ChangeContextMetricDto;
      const findingId = async (fingerprint: string) => (await sut.sql<{ id: string }>(`SELECT id FROM findings WHERE fingerprint = $1`, [fingerprint]))[0].id;
      const changeId = async (ref: string) => (await changeByRef('metric-api', ref)).id;
      // Statuses: a false positive and a suppressed finding stop counting, a fixed one still counts.
      await sut
        .http()
        .post('/api/v1/findings')
        .send([
          { service: 'metric-api', title: 'finding 1', severity: 'high', sourceKind: 'pentest', cweIds: [639], fingerprint: 'M-F-1', detectedAt: '2025-02-01T18:00:00Z', changeRef: 'M-1', status: 'false_positive' },
          { service: 'metric-api', title: 'finding 5', severity: 'high', sourceKind: 'pentest', cweIds: [639], fingerprint: 'M-F-5', detectedAt: '2025-02-10T18:00:00Z', changeRef: 'M-2', status: 'suppressed' },
          { service: 'metric-api', title: 'finding 6', severity: 'high', sourceKind: 'pentest', cweIds: [639], fingerprint: 'M-F-6', detectedAt: '2025-02-10T18:00:00Z', changeRef: 'M-2', status: 'fixed' },
          // Introduced a month after its change was merged: the horizon runs from its own introduction, to the millisecond.
          { service: 'metric-api', title: 'at the horizon', severity: 'low', sourceKind: 'bug_bounty', cweIds: [79], fingerprint: 'M-F-H1', detectedAt: '2025-06-01T10:00:00.250Z', introducedAt: '2025-03-03T10:00:00.250Z', changeRef: 'M-1' },
          { service: 'metric-api', title: 'past the horizon', severity: 'low', sourceKind: 'bug_bounty', cweIds: [79], fingerprint: 'M-F-H2', detectedAt: '2025-06-01T10:00:00.251Z', introducedAt: '2025-03-03T10:00:00.250Z', changeRef: 'M-1' },
          // No introduction: the change's merge stands in (M-3 merged 2025-05-01T12:00Z, 90 days later is 2025-07-30T12:00Z).
          { service: 'metric-api', title: 'merge plus horizon', severity: 'low', sourceKind: 'incident', cweIds: [79], fingerprint: 'M-F-H3', detectedAt: '2025-07-30T12:00:00Z', changeRef: 'M-3' },
          { service: 'metric-api', title: 'merge plus horizon and a bit', severity: 'low', sourceKind: 'incident', cweIds: [79], fingerprint: 'M-F-H4', detectedAt: '2025-07-30T12:00:00.001Z', changeRef: 'M-3' },
        ])
        .expect(200);
      // A link by hand moves a finding from M-3 to M-5; a class is overridden.
      await sut.http().put(`/api/v1/findings/${await findingId('M-F-9')}/change`).send({ changeId: await changeId('M-5') }).expect(200);
      await sut.http().put(`/api/v1/findings/${await findingId('M-F-10')}/classification`).send({ findingClass: 'pattern', reason: 'a pattern after all' }).expect(204);
      // A change's date moves: M-4 was merged months before its findings were detected (2025-05-10T18:00Z), so
      // at a 90-day horizon they stop counting, and its quarter changes.
      await sut.http().post('/api/v1/changes').send({ service: 'metric-api', ref: 'M-4', mergedAt: '2025-01-20T12:00:00Z' }).expect(200);
      // A finding goes (as with its service).
      await sut.sql(`DELETE FROM findings WHERE fingerprint = 'M-F-12'`);
      // The stored counts per change are those counted afresh from every finding.
      const [drift] = await sut.sql<{ n: number }>(LAGS_DRIFT);
      expect(drift.n).toBe(0);

      const listed = ((await sut.http().get('/api/v1/changes?service=metric-api&limit=200').expect(200)).body as Page<ChangeDto>).items;
      // The cluster permutation test relabels changes in the order the metric reads them: read them the same way.
      const order = (await sut.app.get(ChangesRepository).forMetric({ service: 'metric-api' }, null)).map((c) => c.id);
      const changes = order.map((id) => listed.find((c) => c.id === id)!).map((c) => ({
        id: c.id,
        teamId: c.teamId,
        teamName: c.teamName,
        datedAt: new Date(c.mergedAt ?? c.openedAt ?? c.recordedAt),
        flags: c.flags,
      }));
      const stored = await sut.sql<{ id: string; change_id: string; finding_class: ContextChangeFinding['findingClass']; stage: ContextChangeFinding['stage']; detected_at: Date; introduced_at: Date | null }>(
        `SELECT f.id, f.linked_change_id AS change_id, f.finding_class, f.first_detected_stage AS stage, f.first_detected_at AS detected_at, f.introduced_at
           FROM findings f JOIN services s ON s.id = f.service_id
          WHERE s.name = 'metric-api' AND f.linked_change_id IS NOT NULL AND f.status NOT IN ('suppressed', 'false_positive')`,
      );
      const findings = stored.map((f) => ({ changeId: f.change_id, findingClass: f.finding_class, stage: f.stage, detectedAt: f.detected_at, introducedAt: f.introduced_at }));
      for (const [boundary, horizonDays] of [
        ['ci', 90],
        ['production', 90],
        ['code_review', 30],
        ['ci', 365],
      ] as const) {
        const metric = await metricOf(`boundary=${boundary}&horizonDays=${horizonDays}`);
        const options = { boundary, horizonDays, now: new Date() };
        const expected = changeContext(changes, tallyChangeFindings(changes, findings, options), options);
        expect(metric).toMatchObject(expected);
        const withoutContext = new Set(changes.filter((c) => !Object.values(c.flags).every((f) => f.value === true)).map((c) => c.id));
        const escapedIds = stored
          .filter((f) => f.finding_class === 'design' && withoutContext.has(f.change_id) && ['design', 'code_review', 'ci', 'pre_release', 'production'].indexOf(f.stage) >= ['design', 'code_review', 'ci', 'pre_release', 'production'].indexOf(boundary))
          .sort((a, b) => b.detected_at.getTime() - a.detected_at.getTime() || a.id.localeCompare(b.id))
          .map((f) => f.id);
        expect(metric.escapedWithoutContext.map((e) => e.findingId)).toEqual(escapedIds.slice(0, 50));
      }
      // Each edge landed where the rule puts it: 16 findings, 2 no longer counted, 1 gone, 4 added of which 2
      // within the horizon, M-4's 3 out of it.
      expect(await metricOf('boundary=ci&horizonDays=90')).toMatchObject({ linkedFindings: 16 - 2 - 1 + 4, countedFindings: 16 - 2 - 1 + 2 - 3 });
    });

    it('keeps its histograms equal to the findings counted afresh through inserts, updates and deletes of any size, in any order', async () => {
      // A seeded walk of statements on three changes' findings: lags added before, between and after those
      // kept, counts brought to zero, keys emptied and filled again, links moved, changes re-dated.
      let seed = 3;
      const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
      const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)];
      const refs = ['L-1', 'L-2', 'L-3'];
      await sut.http().post('/api/v1/changes/bulk').send(refs.map((ref, i) => ({ service: 'lags-api', ref, mergedAt: `2025-0${i + 1}-01T12:00:00Z` }))).expect(200);
      const ids = await sut.sql<{ id: string }>(`SELECT c.id FROM changes c JOIN services s ON s.id = c.service_id WHERE s.name = 'lags-api' ORDER BY c.ref`);
      const some = `(SELECT f.id FROM findings f JOIN services s ON s.id = f.service_id WHERE s.name = 'lags-api' ORDER BY md5(f.id::text || $1) LIMIT $2)`;
      let n = 0;
      for (let step = 0; step < 40; step++) {
        const kind = step < 3 ? 'insert' : pick(['insert', 'insert', 'status', 'detected', 'class', 'link', 'introduced', 'delete', 'redate']);
        const count = 1 + Math.floor(random() * 12);
        const salt = String(step);
        if (kind === 'insert') {
          const rows = [...Array(count)].map(() => {
            const merged = 1 + Math.floor(random() * 3);
            return [`LAG-${++n}`, pick(['design', 'pattern']), pick(['code_review', 'ci', 'production']), pick(['open', 'fixed', 'false_positive']), ids[merged - 1].id, `2025-0${merged}-01T12:00:00Z`, Math.floor(random() * 30), pick([0, 1, 3_600_000])];
          });
          await sut.sql(
            `INSERT INTO findings (service_id, fingerprint, title, severity, source_kind, finding_class, first_detected_stage, status, change_id, first_detected_at)
             SELECT (SELECT id FROM services WHERE name = 'lags-api'), r->>0, 'x', 'high', 'pentest', (r->>1)::finding_class, (r->>2)::detection_stage, (r->>3)::finding_status,
                    (r->>4)::uuid, (r->>5)::timestamptz + (r->>6)::int * interval '1 day' + (r->>7)::int * interval '1 millisecond'
               FROM jsonb_array_elements($1::jsonb) r`,
            [JSON.stringify(rows)],
          );
        } else if (kind === 'status') {
          await sut.sql(`UPDATE findings SET status = CASE WHEN status = 'open' THEN 'suppressed'::finding_status ELSE 'open' END WHERE id IN ${some}`, [salt, count]);
        } else if (kind === 'detected') {
          await sut.sql(`UPDATE findings SET first_detected_at = first_detected_at + (($3::int % 7) - 3) * interval '1 day' WHERE id IN ${some}`, [salt, count, step]);
        } else if (kind === 'class') {
          await sut.sql(`UPDATE findings SET finding_class = CASE WHEN finding_class = 'design' THEN 'pattern'::finding_class ELSE 'design' END WHERE id IN ${some}`, [salt, count]);
        } else if (kind === 'link') {
          await sut.sql(`UPDATE findings SET change_id = $3 WHERE id IN ${some}`, [salt, count, pick(ids).id]);
        } else if (kind === 'introduced') {
          await sut.sql(`UPDATE findings SET introduced_at = CASE WHEN introduced_at IS NULL THEN first_detected_at - interval '5 days' END WHERE id IN ${some}`, [salt, count]);
        } else if (kind === 'delete') {
          await sut.sql(`DELETE FROM findings WHERE id IN ${some}`, [salt, count]);
        } else {
          await sut.http().post('/api/v1/changes').send({ service: 'lags-api', ref: pick(refs), mergedAt: `2025-0${1 + Math.floor(random() * 3)}-0${1 + Math.floor(random() * 9)}T12:00:00Z` }).expect(200);
        }
        const [drift] = await sut.sql<{ n: number }>(LAGS_DRIFT);
        expect([step, kind, drift.n]).toEqual([step, kind, 0]);
      }
      const [kept] = await sut.sql<{ keys: number; lags: number }>(
        `SELECT count(*)::int AS keys, sum(cardinality(lag_days))::int AS lags FROM change_finding_lags WHERE change_id = ANY ($1::uuid[])`,
        [ids.map((c) => c.id)],
      );
      expect(kept.lags).toBeGreaterThan(kept.keys);
    });

    it('lists the same escapes without context whether it walks the newest findings or sorts the chosen changes’ findings', async () => {
      const repository = sut.app.get(ChangesRepository);
      const changes = (await repository.forMetric({}, null)).map((c) => ({ id: c.id, serviceId: c.service_id }));
      const oneService = changes.filter((c) => c.serviceId === changes[0].serviceId);
      for (const boundary of ['design', 'ci', 'production'] as const) {
        for (const chosen of [changes, oneService, changes.slice(0, 1)]) {
          // No walk: the sort over the chosen changes' findings, the definition.
          const sorted = await repository.escapedDesignFindings(chosen, boundary, 12, []);
          // Enough of them that a short walk stops early, one page follows another, and a walk that falls short sorts.
          if (chosen === changes) expect(sorted).toHaveLength(12);
          for (const walk of [[3, 7], [1], [250, 2000]]) expect(await repository.escapedDesignFindings(chosen, boundary, 12, walk)).toEqual(sorted);
        }
      }
    });
  });
});
