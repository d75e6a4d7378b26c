import * as fs from 'node:fs';
import * as path from 'node:path';
import { aFinding } from '../support/findings-fixture';
import { listsDifferingFromLinks } from '../support/finding-pages';
import { derivedGapChart, rowsOf, STORED_GAP_MISMATCHES } from '../support/stored-gaps';
import { resetDatabase, snapshotData, startTestApp, type TestApp } from '../support/test-app';

const fixture = (folder: string, name: string) => fs.readFileSync(path.join(__dirname, '..', 'fixtures', folder, name));
const raw = (body: unknown) => body as string;

describe('threat models, links and gaps', () => {
  let sut: TestApp;
  beforeAll(async () => {
    sut = await startTestApp();
  });
  beforeEach(() => resetDatabase(sut));
  afterAll(() => sut.close());

  const importModel = (name: string, effectiveFrom: string) =>
    sut.http().post(`/api/v1/threat-models?service=payments-api&effectiveFrom=${effectiveFrom}&fileName=${name}`).set('content-type', 'application/yaml').serialize(raw).send(fixture('threat-models', name));
  const importSarif = (query: string) =>
    sut.http().post(`/api/v1/imports?${query}`).set('content-type', 'application/octet-stream').serialize(raw).send(fixture('imports', 'semgrep-two-results.sarif'));

  it('imports a model as versions, never overwriting, and says so when the same file comes again', async () => {
    const first = await importModel('orders-v1.yaml', '2026-01-01').expect(201);
    expect(first.body).toMatchObject({ created: true, model: { service: 'payments-api', name: 'Orders service', latestVersion: 1 }, version: { version: 1, format: 'native', counts: { components: 2, threats: 1, trustZones: 2, trustBoundaries: 1 } } });
    const again = await importModel('orders-v1.yaml', '2026-01-01').expect(200);
    expect(again.body).toMatchObject({ created: false, version: { version: 1 } });
    const second = await importModel('orders-v2.yaml', '2026-06-01').expect(201);
    expect(second.body.version).toMatchObject({ version: 2, counts: { threats: 2 } });

    const modelId = first.body.model.id;
    const model = (await sut.http().get(`/api/v1/threat-models/${modelId}`).expect(200)).body;
    expect(model.versions.map((v: { version: number; effectiveFrom: string }) => [v.version, v.effectiveFrom])).toEqual([
      [1, '2026-01-01T00:00:00.000Z'],
      [2, '2026-06-01T00:00:00.000Z'],
    ]);
    const v1 = (await sut.http().get(`/api/v1/threat-models/${modelId}/versions/1`).expect(200)).body;
    expect(v1.threats.map((t: { key: string }) => t.key)).toEqual(['T1']);
    const threats = (await sut.http().get(`/api/v1/threat-models/${modelId}/threats`).expect(200)).body;
    expect(threats.map((t: { key: string; firstEffectiveFrom: string }) => [t.key, t.firstEffectiveFrom])).toEqual([
      ['T1', '2026-01-01T00:00:00.000Z'],
      ['T2', '2026-06-01T00:00:00.000Z'],
    ]);
    const components = (await sut.http().get(`/api/v1/threat-models/${modelId}/components`).expect(200)).body;
    expect(components.map((c: { key: string }) => c.key)).toEqual(['billing', 'orders-api']);
    expect((await sut.http().get('/api/v1/threat-models').expect(200)).body).toHaveLength(1);
    expect(await sut.sql(`SELECT action FROM audit_events ORDER BY id`)).toEqual([{ action: 'threat_model.imported' }, { action: 'threat_model.imported' }]);
  });

  it('imports a Threagile model with its assets, boundaries and risks, and links findings to them by CWE', async () => {
    const imported = await importModel('shop.threagile.yaml', '2026-01-01').expect(201);
    expect(imported.body).toMatchObject({ model: { name: 'Shop' }, version: { format: 'threagile', counts: { components: 3, threats: 3, trustZones: 2, trustBoundaries: 2 } } });
    const modelId = imported.body.model.id;
    const components = (await sut.http().get(`/api/v1/threat-models/${modelId}/components`).expect(200)).body;
    expect(components.find((c: { key: string }) => c.key === 'orders-db')).toMatchObject({ name: 'Orders Database', type: 'database', trustZone: 'data-zone', description: expect.stringContaining('Stores: Customer Accounts (strictly-confidential), Orders (confidential).') });
    const threats = (await sut.http().get(`/api/v1/threat-models/${modelId}/threats`).expect(200)).body;
    expect(threats.map((t: { key: string; cweIds: number[]; status: string; severity: string | null }) => [t.key, t.cweIds, t.status, t.severity])).toEqual([
      ['order-tampering@orders-api', [602], 'open', 'high'],
      ['sql-nosql-injection@orders-db@orders-api>database-access', [89], 'mitigated', null],
      ['unencrypted-asset@*', [311], 'accepted', null],
    ]);

    await importSarif('service=payments-api&detectedAt=2026-03-01T00:00:00Z').expect(201);
    const sqli = ((await sut.http().get('/api/v1/findings').expect(200)).body.items as { id: string; ruleId: string }[]).find((f) => f.ruleId.endsWith('sql-injection'))!;
    const links = (await sut.http().get(`/api/v1/findings/${sqli.id}`).expect(200)).body.links;
    expect(links.map((l: { component: { key: string }; threat: { key: string } | null }) => [l.component.key, l.threat?.key ?? null])).toEqual([
      ['orders-api', null],
      ['orders-api', 'sql-nosql-injection@orders-db@orders-api>database-access'],
    ]);
  });

  it('rejects a malformed model with a 400 naming the place, and stores nothing', async () => {
    const before = await snapshotData(sut);
    const response = await importModel('broken-reference.yaml', '2026-01-01').expect(400);
    expect(response.body.errors[0].pointer).toBe('/threats/0/components/0');
    expect(response.body.errors[0].line).toBeGreaterThan(0);
    await sut.http().post('/api/v1/threat-models').set('content-type', 'application/yaml').send('name: x').expect(400);
    expect(await snapshotData(sut)).toBe(before);
    expect(await sut.sql(`SELECT * FROM threat_models`)).toHaveLength(0);
  });

  it('links findings to components and threats, and tells context gaps from model gaps', async () => {
    await importModel('orders-v1.yaml', '2026-01-01').expect(201);
    // Both findings were introduced (first detected) after the model's first version.
    await importSarif('service=payments-api&detectedAt=2026-03-01T00:00:00Z').expect(201);
    const findings = (await sut.http().get('/api/v1/findings').expect(200)).body.items as { id: string; ruleId: string }[];
    const authz = findings.find((f) => f.ruleId.endsWith('missing-authz'))!;
    const sqli = findings.find((f) => f.ruleId.endsWith('sql-injection'))!;

    const authzDetail = (await sut.http().get(`/api/v1/findings/${authz.id}`).expect(200)).body;
    expect(authzDetail).toMatchObject({ escaped: true, gap: 'context_gap', findingClass: 'design' });
    expect(authzDetail.links.map((l: { component: { key: string }; threat: { key: string } | null }) => [l.component.key, l.threat?.key ?? null])).toEqual([
      ['orders-api', null],
      ['orders-api', 'T1'],
    ]);
    expect(authzDetail.detections).toEqual([expect.objectContaining({ stage: 'ci', detectedAt: '2026-03-01T00:00:00.000Z' })]);
    // Injection: its component is modelled but no threat covered it in version 1: a model gap.
    expect((await sut.http().get(`/api/v1/findings/${sqli.id}`).expect(200)).body).toMatchObject({ gap: 'model_gap' });

    // Version 2 adds an injection threat (CWE-74, an ancestor of CWE-89) after the flaw was introduced:
    // now linked, but still a model gap, since the threat was not known when the flaw was written.
    await importModel('orders-v2.yaml', '2026-06-01').expect(201);
    const sqliAfter = (await sut.http().get(`/api/v1/findings/${sqli.id}`).expect(200)).body;
    expect(sqliAfter.links.map((l: { threat: { key: string } | null }) => l.threat?.key ?? null)).toEqual([null, 'T2']);
    expect(sqliAfter.gap).toBe('model_gap');

    const modelId = ((await sut.http().get('/api/v1/threat-models').expect(200)).body as { id: string }[])[0].id;
    const inComponent = (await sut.http().get(`/api/v1/findings?threatModel=${modelId}&component=orders-api`).expect(200)).body.items;
    expect(inComponent).toHaveLength(2);
    expect((await sut.http().get(`/api/v1/findings?threatModel=${modelId}&component=billing`).expect(200)).body.items).toHaveLength(0);
    const cohort = (await sut.http().get('/api/v1/findings?dateBy=cohort&from=2026-02-01&to=2026-04-01&counted=true').expect(200)).body.items;
    expect(cohort).toHaveLength(2);
    const gaps = (await sut.http().get('/api/v1/metrics/gaps?groupBy=component').expect(200)).body;
    expect(gaps.series.map((s: { key: string; points: { contextGap: number; modelGap: number }[] }) => [s.key, s.points.reduce((n, p) => n + p.contextGap, 0), s.points.reduce((n, p) => n + p.modelGap, 0)])).toEqual([
      ['payments-api / orders-api', 1, 1],
    ]);
  });

  it('keeps every stored gap and the gap rollups equal to the gaps worked out from links and threats, through every change', async () => {
    const expectStoredGapsDerived = async (step: string) => {
      expect({ step, mismatches: await sut.sql(STORED_GAP_MISMATCHES) }).toEqual({ step, mismatches: [] });
      // The findings page filtered by gap or component (read from the stored facts and components) against the links.
      expect({ step, lists: await listsDifferingFromLinks(sut) }).toEqual({ step, lists: [] });
      // The chart (read from the rollups) against the same counts taken from every finding.
      for (const groupBy of ['total', 'layer', 'component'] as const) {
        for (const boundary of ['design', 'production'] as const) {
          const chart = (await sut.http().get(`/api/v1/metrics/gaps?groupBy=${groupBy}&bucket=month&boundary=${boundary}`).expect(200)).body;
          const fromChart = chart.series.flatMap((s: { key: string; points: { period: string; contextGap: number; modelGap: number; unmodelled: number }[] }) =>
            s.points.filter((p) => p.contextGap + p.modelGap + p.unmodelled > 0).map((p) => [s.key, p.period, p.contextGap, p.modelGap, p.unmodelled]),
          );
          expect({ step, groupBy, boundary, counts: fromChart }).toEqual({ step, groupBy, boundary, counts: rowsOf(await sut.sql(derivedGapChart(groupBy, boundary))) });
        }
      }
    };
    const pentest = (title: string, cweIds: number[], path: string, at: Record<string, string>) =>
      aFinding({ sourceKind: 'pentest', tool: 'pentest', ruleId: undefined, title, cweIds, location: { path }, fingerprint: title, introducedAt: undefined, ...at });
    const model = (await importModel('orders-v1.yaml', '2026-01-01').expect(201)).body.model;
    await importSarif('service=payments-api&detectedAt=2026-03-01T00:00:00Z').expect(201);
    await sut
      .http()
      .post('/api/v1/findings')
      .send([
        pentest('Refund replay', [862], 'src/orders/replay.ts', { detectedAt: '2026-02-10T00:00:00Z', stage: 'production' }),
        pentest('Invoice tampering', [602], 'src/billing/invoice.ts', { detectedAt: '2026-02-11T00:00:00Z', stage: 'pre_release' }),
        pentest('Open redirect', [601], 'web/redirect.ts', { detectedAt: '2026-02-12T00:00:00Z', stage: 'production' }),
      ])
      .expect(200);
    await expectStoredGapsDerived('linked as stored');
    const findings = (await sut.http().get('/api/v1/findings').expect(200)).body.items as { id: string; ruleId: string | null; title: string }[];
    const sqli = findings.find((f) => f.ruleId?.endsWith('sql-injection'))!;
    const replay = findings.find((f) => f.title === 'Refund replay')!;

    await sut.http().post(`/api/v1/findings/${sqli.id}/links`).send({ threatModelId: model.id, componentKey: 'orders-api', threatKey: 'T1' }).expect(204);
    await expectStoredGapsDerived('a person links a threat');
    await sut.http().delete(`/api/v1/findings/${sqli.id}/links?threatModelId=${model.id}&componentKey=orders-api`).expect(204);
    await expectStoredGapsDerived('a person removes a component');
    await importModel('orders-v2.yaml', '2026-06-01').expect(201);
    await expectStoredGapsDerived('a new model version relinks');
    // An older version dated before the findings makes the second version's threat known earlier: model gaps become context gaps.
    await importModel('orders-v2.yaml', '2025-06-01').expect(201);
    await expectStoredGapsDerived('a version dated earlier');
    // The flaw turns out to predate the model: its cohort moves before the threat was known.
    await sut
      .http()
      .post('/api/v1/findings')
      .send([pentest('Refund replay', [862], 'src/orders/replay.ts', { detectedAt: '2026-02-10T00:00:00Z', introducedAt: '2025-01-05T00:00:00Z', stage: 'production' })])
      .expect(200);
    await expectStoredGapsDerived('introduced earlier');
    // Seen earlier at another stage: its first detection moves, and the pages sorted by it with it.
    await sut
      .http()
      .post('/api/v1/findings')
      .send([pentest('Refund replay', [862], 'src/orders/replay.ts', { detectedAt: '2026-01-20T00:00:00Z', introducedAt: '2025-01-05T00:00:00Z', stage: 'pre_release' })])
      .expect(200);
    expect((await sut.http().get(`/api/v1/findings/${replay.id}`).expect(200)).body).toMatchObject({ firstDetectedAt: '2026-01-20T00:00:00.000Z' });
    await expectStoredGapsDerived('detected earlier');
    await sut.http().put(`/api/v1/findings/${replay.id}/classification`).send({ findingClass: 'pattern', reason: 'A missing nonce check' }).expect(204);
    await sut.http().post('/api/v1/classification-rules').send({ match: { cweId: 601 }, findingClass: 'design', category: 'authorization', reason: 'Redirects are a design choice' }).expect(201);
    await expectStoredGapsDerived('reclassified');
    // Statuses and removals have no route of their own here: written as the ingest and retention would write them.
    await sut.sql(`UPDATE findings SET status = 'suppressed' WHERE id = '${replay.id}'`);
    await expectStoredGapsDerived('suppressed');
    await sut.sql(`UPDATE findings SET status = 'open' WHERE id = '${replay.id}'`);
    await sut.sql(`DELETE FROM threat_model_versions WHERE effective_from = '2025-06-01'`);
    await expectStoredGapsDerived('a version removed');
    await sut.sql(`DELETE FROM findings WHERE id = '${sqli.id}'`);
    await expectStoredGapsDerived('a finding removed');
    await sut.sql(`DELETE FROM threat_models`);
    await expectStoredGapsDerived('the model removed');
    expect(await sut.sql(`SELECT count(*)::int AS n FROM gap_component_rollups`)).toEqual([{ n: 0 }]);
    await sut.sql(`DELETE FROM findings`);
    await expectStoredGapsDerived('every finding removed');
    expect(await sut.sql(`SELECT (SELECT count(*) FROM finding_gap_facts)::int AS facts, (SELECT count(*) FROM gap_rollups)::int AS rollups`)).toEqual([{ facts: 0, rollups: 0 }]);
  });

  it('lets people add and remove links; their choice wins over relinking', async () => {
    const model = (await importModel('orders-v1.yaml', '2026-01-01').expect(201)).body.model;
    await importSarif('service=payments-api&detectedAt=2026-03-01T00:00:00Z').expect(201);
    const sqli = ((await sut.http().get('/api/v1/findings').expect(200)).body.items as { id: string; ruleId: string }[]).find((f) => f.ruleId.endsWith('sql-injection'))!;
    await sut.http().post(`/api/v1/findings/${sqli.id}/links`).send({ threatModelId: model.id, componentKey: 'orders-api', threatKey: 'T1' }).expect(204);
    expect((await sut.http().get(`/api/v1/findings/${sqli.id}`).expect(200)).body.gap).toBe('context_gap');
    await sut.http().delete(`/api/v1/findings/${sqli.id}/links?threatModelId=${model.id}&componentKey=orders-api`).expect(204);
    expect((await sut.http().get(`/api/v1/findings/${sqli.id}`).expect(200)).body).toMatchObject({ gap: 'unmodelled', links: [] });
    // A new model version relinks automatically, but the person's removal stands.
    await importModel('orders-v2.yaml', '2026-06-01').expect(201);
    expect((await sut.http().get(`/api/v1/findings/${sqli.id}`).expect(200)).body.links).toEqual([]);
    await sut.http().post(`/api/v1/findings/${sqli.id}/links`).send({ threatModelId: model.id, componentKey: 'nowhere' }).expect(400);
    expect((await sut.sql(`SELECT action FROM audit_events WHERE action LIKE 'finding.link%' ORDER BY id`)).map((r) => (r as { action: string }).action)).toEqual(['finding.link_added', 'finding.link_removed']);
  });

  it('keeps a person’s class over rules and re-imports, audits it, and applies workspace rules to stored findings', async () => {
    await importSarif('service=payments-api').expect(201);
    const sqli = ((await sut.http().get('/api/v1/findings').expect(200)).body.items as { id: string; ruleId: string }[]).find((f) => f.ruleId.endsWith('sql-injection'))!;
    await sut.http().put(`/api/v1/findings/${sqli.id}/classification`).send({ findingClass: 'design', reason: 'The query builder was chosen by design without parameters' }).expect(204);
    await importSarif('service=payments-api').expect(201);
    const detail = (await sut.http().get(`/api/v1/findings/${sqli.id}`).expect(200)).body;
    expect(detail).toMatchObject({ findingClass: 'design', classRule: 'override', override: { by: 'token:e2e-admin' } });
    expect(detail.classReason).toMatch(/without parameters/);
    await sut.http().put(`/api/v1/findings/${sqli.id}/classification`).send({ findingClass: 'sideways', reason: '' }).expect(400);

    // A workspace rule re-classifies every stored finding it matches, except the overridden one.
    const created = await sut.http().post('/api/v1/classification-rules').send({ match: { tool: 'semgrep' }, findingClass: 'unclassified', reason: 'we review semgrep by hand' }).expect(201);
    expect(created.body.reclassified).toBe(1);
    const classes = await sut.sql(`SELECT rule_id, finding_class, class_rule FROM findings ORDER BY rule_id`);
    expect(classes).toEqual([
      { rule_id: 'javascript.express.missing-authz', finding_class: 'unclassified', class_rule: `workspace:${created.body.rule.id}` },
      { rule_id: 'javascript.express.sql-injection', finding_class: 'design', class_rule: 'override' },
    ]);
    // New imports follow the workspace rule too.
    await sut.http().post('/api/v1/imports?service=ledger').set('content-type', 'application/octet-stream').serialize(raw).send(fixture('imports', 'semgrep-two-results.sarif')).expect(201);
    expect(await sut.sql(`SELECT DISTINCT finding_class FROM findings f JOIN services s ON s.id = f.service_id WHERE s.name = 'ledger'`)).toEqual([{ finding_class: 'unclassified' }]);

    await sut.http().delete(`/api/v1/classification-rules/${created.body.rule.id}`).expect(200);
    await sut.http().delete(`/api/v1/findings/${sqli.id}/classification`).expect(204);
    expect(await sut.sql(`SELECT rule_id, finding_class FROM findings f JOIN services s ON s.id = f.service_id WHERE s.name = 'payments-api' ORDER BY rule_id`)).toEqual([
      { rule_id: 'javascript.express.missing-authz', finding_class: 'design' },
      { rule_id: 'javascript.express.sql-injection', finding_class: 'pattern' },
    ]);
    await sut.http().post('/api/v1/classification-rules').send({ match: {}, findingClass: 'design' }).expect(400);
    const audit = (await sut.sql<{ action: string }>(`SELECT action FROM audit_events WHERE action NOT LIKE 'import.%' ORDER BY id`)).map((r) => r.action);
    expect(audit).toEqual(['finding.classification_overridden', 'classification_rule.created', 'classification_rule.deleted', 'finding.classification_override_removed']);
    await expect(sut.sql(`UPDATE audit_events SET actor = 'someone'`)).rejects.toThrow(/append-only/);
  });
});
