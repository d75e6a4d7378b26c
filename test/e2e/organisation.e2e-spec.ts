import { AdoptionImpactRepository } from '../../apps/api/src/metrics/adoption-impact.repository';
import { aFinding } from '../support/findings-fixture';
import { resetDatabase, snapshotData, startTestApp, type TestApp } from '../support/test-app';

describe('teams, services and adoptions', () => {
  let sut: TestApp;
  beforeAll(async () => {
    sut = await startTestApp();
  });
  beforeEach(() => resetDatabase(sut));
  afterAll(() => sut.close());

  it('creates and lists teams, services and adoptions', async () => {
    const team = (await sut.http().post('/api/v1/teams').send({ name: 'Payments' }).expect(201)).body;
    expect(team).toMatchObject({ id: expect.any(String), name: 'Payments' });
    const service = (
      await sut.http().post('/api/v1/services').send({ name: 'payments-api', teamId: team.id, repositoryPatterns: ['github.com/acme/payments-*'] }).expect(201)
    ).body;
    expect(service).toMatchObject({ name: 'payments-api', teamId: team.id, teamName: 'Payments', repositoryPatterns: ['github.com/acme/payments-*'] });
    const adoption = (await sut.http().post('/api/v1/adoptions').send({ teamId: team.id, practice: 'context-aware-development', startedAt: '2026-02-01' }).expect(201)).body;
    expect(adoption).toMatchObject({ teamId: team.id, teamName: 'Payments', serviceId: null, practice: 'context-aware-development', startedAt: '2026-02-01' });

    expect((await sut.http().get('/api/v1/teams').expect(200)).body.map((t: { name: string }) => t.name)).toEqual(['Payments']);
    expect((await sut.http().get('/api/v1/services').expect(200)).body).toHaveLength(1);
    expect((await sut.http().get('/api/v1/adoptions').expect(200)).body).toHaveLength(1);
  });

  it('refuses a duplicate team name with 409 and keeps one row', async () => {
    await sut.http().post('/api/v1/teams').send({ name: 'Identity' }).expect(201);
    const response = await sut.http().post('/api/v1/teams').send({ name: 'Identity' }).expect(409);
    expect(response.body.detail).toContain('Identity');
    expect(await sut.sql('SELECT * FROM teams')).toHaveLength(1);
  });

  it('names the bad field of an invalid request and stores nothing', async () => {
    const before = await snapshotData(sut);
    const response = await sut.http().post('/api/v1/services').send({ name: '', teamId: 'not-a-uuid', colour: 'red' }).expect(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    const pointers = response.body.errors.map((e: { pointer: string }) => e.pointer);
    expect(pointers).toEqual(expect.arrayContaining(['/name', '/teamId', '/colour']));
    expect(await snapshotData(sut)).toBe(before);
  });

  it('requires an adoption to name exactly one team or service, and a real date', async () => {
    const team = (await sut.http().post('/api/v1/teams').send({ name: 'Mobile' }).expect(201)).body;
    const both = await sut.http().post('/api/v1/adoptions').send({ practice: 'x', startedAt: '2026-01-01' }).expect(400);
    expect(both.body.detail).toMatch(/exactly one team or one service/);
    const badDate = await sut.http().post('/api/v1/adoptions').send({ teamId: team.id, practice: 'x', startedAt: '2026-13-01' }).expect(400);
    expect(badDate.body.errors[0].pointer).toBe('/startedAt');
    const unknownTeam = await sut.http().post('/api/v1/adoptions').send({ teamId: '00000000-0000-4000-8000-000000000000', practice: 'x', startedAt: '2026-01-01' }).expect(400);
    expect(unknownTeam.body.errors[0].pointer).toBe('/teamId');
    expect(await sut.sql('SELECT * FROM adoptions')).toHaveLength(0);
  });

  it('corrects and retires an adoption, keeping it and auditing both', async () => {
    const team = (await sut.http().post('/api/v1/teams').send({ name: 'Data' }).expect(201)).body;
    const adoption = (await sut.http().post('/api/v1/adoptions').send({ teamId: team.id, practice: 'context-aware-development', startedAt: '2026-02-01' }).expect(201)).body;
    expect(adoption.retiredAt).toBeNull();
    const moved = (await sut.http().patch(`/api/v1/adoptions/${adoption.id}`).send({ startedAt: '2026-02-15' }).expect(200)).body;
    expect(moved).toMatchObject({ startedAt: '2026-02-15', practice: 'context-aware-development' });
    await sut.http().post(`/api/v1/adoptions/${adoption.id}/retire`).send({ retiredAt: '2026-01-01' }).expect(400);
    const retired = (await sut.http().post(`/api/v1/adoptions/${adoption.id}/retire`).send({ retiredAt: '2026-09-30' }).expect(201)).body;
    expect(retired.retiredAt).toBe('2026-09-30');
    await sut.http().patch(`/api/v1/adoptions/${adoption.id}`).send({ startedAt: '2026-10-01' }).expect(400);
    await sut.http().patch(`/api/v1/adoptions/${adoption.id}`).send({ startedAt: 'soon' }).expect(400);
    await sut.http().patch('/api/v1/adoptions/00000000-0000-4000-8000-000000000000').send({ practice: 'x' }).expect(404);
    expect((await sut.http().get('/api/v1/adoptions').expect(200)).body).toEqual([expect.objectContaining({ id: adoption.id, retiredAt: '2026-09-30' })]);
    expect((await sut.sql<{ action: string }>(`SELECT action FROM audit_events WHERE subject_id = $1 ORDER BY id`, [adoption.id])).map((r) => r.action)).toEqual(['adoption.created', 'adoption.updated', 'adoption.retired']);
  });

  describe('the primary analysis fixed in advance', () => {
    const DEFAULTS = { findingClass: 'design', boundary: 'ci', horizonRule: 'p90', minimalImportantDifference: 0.1 };
    const setUp = async () => {
      const team = (await sut.http().post('/api/v1/teams').send({ name: 'Payments' }).expect(201)).body;
      await sut.http().post('/api/v1/services').send({ name: 'payments-api', teamId: team.id }).expect(201);
      return team as { id: string };
    };

    it('is recorded with the adoption: the defaults, or what the request fixes, and refused with where when invalid', async () => {
      const team = await setUp();
      const plain = (await sut.http().post('/api/v1/adoptions').send({ teamId: team.id, practice: 'context-aware-development', startedAt: '2026-02-01' }).expect(201)).body;
      expect(plain.primaryAnalysis).toEqual(DEFAULTS);
      const chosen = { findingClass: 'all', boundary: 'production', horizonRule: '365d', minimalImportantDifference: 0.05 };
      const fixed = (await sut.http().post('/api/v1/adoptions').send({ teamId: team.id, practice: 'threat-model-prompts', startedAt: '2026-02-01', primaryAnalysis: chosen }).expect(201)).body;
      expect(fixed.primaryAnalysis).toEqual(chosen);
      const partial = (await sut.http().post('/api/v1/adoptions').send({ teamId: team.id, practice: 'review-against-model', startedAt: '2026-02-01', primaryAnalysis: { boundary: 'pre_release' } }).expect(201)).body;
      expect(partial.primaryAnalysis).toEqual({ ...DEFAULTS, boundary: 'pre_release' });
      expect((await sut.http().get('/api/v1/adoptions').expect(200)).body.map((a: { primaryAnalysis: unknown }) => a.primaryAnalysis)).toEqual(
        expect.arrayContaining([DEFAULTS, chosen, { ...DEFAULTS, boundary: 'pre_release' }]),
      );

      const before = await snapshotData(sut);
      const bad = await sut
        .http()
        .post('/api/v1/adoptions')
        .send({ teamId: team.id, practice: 'x', startedAt: '2026-02-01', primaryAnalysis: { findingClass: 'everything', boundary: 'later', horizonRule: 'p100', minimalImportantDifference: 0, extra: 1 } })
        .expect(400);
      expect(bad.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(
        expect.arrayContaining(['/primaryAnalysis/findingClass', '/primaryAnalysis/boundary', '/primaryAnalysis/horizonRule', '/primaryAnalysis/minimalImportantDifference', '/primaryAnalysis/extra']),
      );
      for (const primaryAnalysis of [{ horizonRule: '4000d' }, { minimalImportantDifference: 1.5 }, { minimalImportantDifference: '0.1' }]) {
        const refused = await sut.http().post('/api/v1/adoptions').send({ teamId: team.id, practice: 'x', startedAt: '2026-02-01', primaryAnalysis }).expect(400);
        expect(refused.body.errors[0].pointer).toMatch(/^\/primaryAnalysis\//);
      }
      expect(await snapshotData(sut)).toBe(before);
    });

    it('can be changed, audited, until the after-window has a finding; then 409 and nothing changes', async () => {
      const team = await setUp();
      const adoption = (await sut.http().post('/api/v1/adoptions').send({ teamId: team.id, practice: 'context-aware-development', startedAt: '2026-03-01' }).expect(201)).body;
      // Findings before the start do not fix it.
      await sut.http().post('/api/v1/findings').send([aFinding({ introducedAt: '2026-02-10T00:00:00Z', detectedAt: '2026-02-20T00:00:00Z' })]).expect(200);
      const changed = (await sut.http().patch(`/api/v1/adoptions/${adoption.id}`).send({ primaryAnalysis: { minimalImportantDifference: 0.15, horizonRule: 'p95' } }).expect(200)).body;
      expect(changed.primaryAnalysis).toEqual({ ...DEFAULTS, minimalImportantDifference: 0.15, horizonRule: 'p95' });
      const [audit] = await sut.sql<{ action: string; details: { before: { primaryAnalysis: unknown } } }>(`SELECT action, details FROM audit_events WHERE subject_id = $1 AND action = 'adoption.updated'`, [adoption.id]);
      expect(audit.action).toBe('adoption.updated');
      expect(audit.details.before.primaryAnalysis).toEqual(DEFAULTS);

      // A finding of the team introduced after the start: the after-window has data.
      await sut.http().post('/api/v1/findings').send([aFinding({ fingerprint: 'after', introducedAt: '2026-03-05T00:00:00Z', detectedAt: '2026-03-20T00:00:00Z' })]).expect(200);
      const before = await snapshotData(sut);
      const refused = await sut.http().patch(`/api/v1/adoptions/${adoption.id}`).send({ primaryAnalysis: { boundary: 'production' } }).expect(409);
      expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(refused.body.detail).toMatch(/primary analysis of this adoption is fixed/);
      expect(await snapshotData(sut)).toBe(before);
      // Sending the same values, or correcting the practice, is still fine.
      await sut.http().patch(`/api/v1/adoptions/${adoption.id}`).send({ primaryAnalysis: { boundary: 'ci' } }).expect(200);
      expect((await sut.http().patch(`/api/v1/adoptions/${adoption.id}`).send({ practice: 'context-aware' }).expect(200)).body.primaryAnalysis).toEqual(changed.primaryAnalysis);
    });

    it('reaches the analysis with the retirement date that ends the after-window', async () => {
      const team = await setUp();
      const adoption = (await sut.http().post('/api/v1/adoptions').send({ teamId: team.id, practice: 'context-aware-development', startedAt: '2026-03-01', primaryAnalysis: { findingClass: 'pattern', minimalImportantDifference: 0.2 } }).expect(201)).body;
      await sut.http().post(`/api/v1/adoptions/${adoption.id}/retire`).send({ retiredAt: '2026-08-31' }).expect(201);
      const row = await sut.app.get(AdoptionImpactRepository).adoption(adoption.id);
      expect(row).toMatchObject({ started_at: '2026-03-01', retired_at: '2026-08-31', primary_finding_class: 'pattern', primary_boundary: 'ci', primary_horizon_rule: 'p90', primary_mid: 0.2 });
    });
  });
});
