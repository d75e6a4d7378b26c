import * as fs from 'node:fs';
import * as path from 'node:path';
import createClient, { type Client } from 'openapi-fetch';
import type { paths } from '../support/api/openapi-types';
import { listenLocally, resetDatabase, startTestApp, type TestApp } from '../support/test-app';

/**
 * A client generated from the API's own OpenAPI description (scripts/openapi.js) calls the running API.
 * The typecheck of this file is the other half of the test: every member read below must be in the
 * description with the type the server sends, or `tsc` fails.
 */
describe('a client generated from the OpenAPI description', () => {
  let sut: TestApp;
  let api: Client<paths>;
  let serviceId = '';
  beforeAll(async () => {
    sut = await startTestApp();
    await resetDatabase(sut);
    const baseUrl = await listenLocally(sut);
    const { secret } = await sut.asToken({ scopes: ['admin'] });
    api = createClient<paths>({ baseUrl, headers: { authorization: `Bearer ${secret}` } });
  });
  afterAll(() => sut.close());

  it('reads health, and creates and lists teams and services', async () => {
    const health = await api.GET('/api/health');
    expect(health.data?.database.status).toBe('up');

    const team = await api.POST('/api/v1/teams', { body: { name: 'Payments' } });
    expect(team.response.status).toBe(201);
    const teamId: string = team.data!.id;
    const service = await api.POST('/api/v1/services', { body: { name: 'payments-api', teamId } });
    serviceId = service.data!.id;
    expect(service.data).toMatchObject({ name: 'payments-api', teamName: 'Payments' });
    const services = await api.GET('/api/v1/services');
    expect(services.data!.map((item) => [item.name, item.teamId])).toEqual([['payments-api', teamId]]);
  });

  it('records findings and reads them back, with their class, escape and the stage that caught them', async () => {
    const recorded = await api.POST('/api/v1/findings', {
      body: [{ service: 'payments-api', sourceKind: 'pentest', title: 'Refund without authorization', severity: 'high', cweIds: [862], ruleId: 'AUTHZ-1', detectedAt: '2026-03-01T00:00:00Z' }],
    });
    expect(recorded.data).toMatchObject({ received: 1, created: 1 });

    const page = await api.GET('/api/v1/findings', { params: { query: { service: serviceId } } });
    const [finding] = page.data!.items;
    expect([finding.title, finding.severity, finding.cweIds, finding.findingClass]).toEqual(['Refund without authorization', 'high', [862], 'design']);
    const detail = await api.GET('/api/v1/findings/{id}', { params: { path: { id: finding.id } } });
    expect(detail.data!.escaped).toBe(true);

    const containment = await api.GET('/api/v1/metrics/containment');
    const design = containment.data!.rows.find((row) => row.key === 'design');
    expect(design?.counts.pre_release).toBe(1);
    expect(containment.data!.cost.byKey.design.byStage.pre_release).toBeGreaterThan(0);
  });

  it('imports a threat model and reads its version, components and threats', async () => {
    const file = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'threat-models', 'shop.threagile.yaml'), 'utf8');
    const imported = await api.POST('/api/v1/threat-models', {
      params: { query: { service: 'payments-api', effectiveFrom: '2026-01-01' } },
      body: file,
      bodySerializer: (body) => body,
      headers: { 'content-type': 'application/yaml' },
    });
    expect(imported.response.status).toBe(201);
    const { model, version } = imported.data!;
    expect([version.format, version.counts.components, version.counts.threats]).toEqual(['threagile', 3, 3]);

    const detail = await api.GET('/api/v1/threat-models/{id}', { params: { path: { id: model.id } } });
    expect(detail.data!.versions.map((item) => item.version)).toEqual([1]);
    const full = await api.GET('/api/v1/threat-models/{id}/versions/{version}', { params: { path: { id: model.id, version: 1 } } });
    expect(full.data!.trustBoundaries.map((boundary) => [boundary.key, boundary.crossing.length])).toEqual([
      ['cloud', 2],
      ['data-zone', 2],
    ]);
    const components = await api.GET('/api/v1/threat-models/{id}/components', { params: { path: { id: model.id } } });
    expect(components.data!.find((component) => component.key === 'orders-api')?.match.paths).toEqual(['src/orders/**']);
    const threats = await api.GET('/api/v1/threat-models/{id}/threats', { params: { path: { id: model.id } } });
    expect(threats.data!.map((threat) => [threat.key, threat.cweIds, threat.mitigations.length])).toEqual([
      ['order-tampering@orders-api', [602], 1],
      ['sql-nosql-injection@orders-db@orders-api>database-access', [89], 0],
      ['unencrypted-asset@*', [311], 0],
    ]);
  });

  it('gets a problem, typed as the description says, for a request the API refuses', async () => {
    const missing = await api.GET('/api/v1/threat-models/{id}', { params: { path: { id: '00000000-0000-4000-8000-000000000000' } } });
    expect(missing.response.status).toBe(404);
    expect(missing.error).toMatchObject({ status: 404, type: 'urn:escapement:problem:not_found' });
    expect(missing.error!.detail).toMatch(/Threat model/);
  });
});
