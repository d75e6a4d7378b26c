import { DETECTION_STAGES, FINDING_STATUSES } from '@escapement/domain';
import { listedIds } from '../support/finding-pages';
import { aFinding } from '../support/findings-fixture';
import { resetDatabase, startTestApp, type TestApp } from '../support/test-app';

/**
 * The findings page filtered by team, service, detection stage or status is read from indexes in the page's
 * order, a team's as the merged pages of its services. Paged through newest first and oldest first, in pages
 * small enough to cut through runs of findings detected at the same instant, each must list exactly the
 * findings that SQL over the findings themselves orders the same way.
 */
describe('findings page filtered by team, service, stage and status', () => {
  let sut: TestApp;
  const teams: Record<string, string> = {};
  beforeAll(async () => {
    sut = await startTestApp();
    await resetDatabase(sut);
    for (const name of ['Team A', 'Team B', 'Team C']) teams[name] = (await sut.http().post('/api/v1/teams').send({ name }).expect(201)).body.id;
    const owners: Record<string, string | null> = { 'a-api': 'Team A', 'a-web': 'Team A', 'a-jobs': 'Team A', 'b-api': 'Team B', 'unowned-api': null };
    for (const [name, team] of Object.entries(owners)) {
      await sut.http().post('/api/v1/services').send(team ? { name, teamId: teams[team] } : { name }).expect(201);
    }
    const services = Object.keys(owners);
    // 240 findings over 12 instants: every instant holds findings of several services, stages and statuses.
    const findings = Array.from({ length: 240 }, (_, i) =>
      aFinding({
        service: services[(i * 7) % services.length],
        fingerprint: `f-${i}`,
        detectedAt: `2026-03-${String(2 + (i % 12)).padStart(2, '0')}T00:00:00Z`,
        stage: DETECTION_STAGES[(i * 3) % DETECTION_STAGES.length],
        status: FINDING_STATUSES[(i * 5 + (i % 3)) % FINDING_STATUSES.length],
        severity: ['low', 'high', 'critical'][i % 3],
      }),
    );
    await sut.http().post('/api/v1/findings').send(findings).expect(200);
  });
  afterAll(() => sut.close());

  const derived = async (order: 'asc' | 'desc', where: string, params: unknown[]) =>
    (
      await sut.sql<{ id: string }>(
        `SELECT f.id FROM findings f JOIN services s ON s.id = f.service_id WHERE ${where} ORDER BY f.first_detected_at ${order}, f.id ${order}`,
        params,
      )
    ).map((row) => row.id);

  const expectPagesLikeSql = async (http: ReturnType<TestApp['http']>, query: string, where: string, params: unknown[]) => {
    for (const order of ['desc', 'asc'] as const) {
      const expected = await derived(order, where, params);
      for (const limit of [7, 50]) expect({ query, order, limit, ids: await listedIds(http, `${query}&order=${order}`, limit) }).toEqual({ query, order, limit, ids: expected });
    }
  };

  it('pages through each team, each service, each stage and each status like SQL over the findings', async () => {
    for (const id of Object.values(teams)) await expectPagesLikeSql(sut.http(), `team=${id}`, 's.team_id = $1', [id]);
    expect(await derived('desc', 's.team_id = $1', [teams['Team C']])).toEqual([]);
    for (const { id } of await sut.sql<{ id: string }>(`SELECT id FROM services`)) await expectPagesLikeSql(sut.http(), `service=${id}`, 'f.service_id = $1', [id]);
    for (const stage of DETECTION_STAGES) await expectPagesLikeSql(sut.http(), `stage=${stage}`, 'f.first_detected_stage = $1', [stage]);
    for (const status of FINDING_STATUSES) await expectPagesLikeSql(sut.http(), `status=${status}`, 'f.status = $1', [status]);
  });

  it('combines a team with other filters, and limits a team-limited caller to its teams', async () => {
    await expectPagesLikeSql(sut.http(), `team=${teams['Team A']}&stage=production&severity=high`, `s.team_id = $1 AND f.first_detected_stage = $2 AND f.severity = 'high'`, [teams['Team A'], 'production']);
    await expectPagesLikeSql(sut.http(), `team=${teams['Team A']}&status=fixed&from=2026-03-03&to=2026-03-09`, `s.team_id = $1 AND f.status = $2 AND f.first_detected_at >= '2026-03-03' AND f.first_detected_at < '2026-03-09'`, [teams['Team A'], 'fixed']);
    await expectPagesLikeSql(sut.http(), `team=${teams['Team A']}&gap=unmodelled`, 's.team_id = $1', [teams['Team A']]);
    const manager = await sut.asUser({ role: 'manager', teamIds: [teams['Team A'], teams['Team B']] });
    await expectPagesLikeSql(manager.http, 'stage=ci', 's.team_id = ANY ($1) AND f.first_detected_stage = $2', [[teams['Team A'], teams['Team B']], 'ci']);
    await expectPagesLikeSql(manager.http, `team=${teams['Team B']}`, 's.team_id = $1', [teams['Team B']]);
    await expectPagesLikeSql(manager.http, `team=${teams['Team C']}`, 'false', []);
  });
});
