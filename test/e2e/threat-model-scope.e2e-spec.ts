import { aFinding } from '../support/findings-fixture';
import { resetDatabase, startTestApp, type TestApp } from '../support/test-app';

const raw = (body: unknown) => body as string;

const identityModel = `escapementThreatModel: 1
name: Identity
components:
  - key: login
    name: Login
    match:
      paths: ["src/login/**"]
threats:
  - key: T1
    title: Injection in the login queries
    components: [login]
    cweIds: [89]
`;

/** What a Payments token sends for its own service: a component claiming every path, one naming Identity's service. */
const greedyModel = `escapementThreatModel: 1
name: Checkout
components:
  - key: everything
    name: Everything
    match:
      paths: ["**"]
  - key: identity-claim
    name: Identity, claimed
    match:
      services: [identity-api]
threats:
  - key: T9
    title: Injection anywhere
    components: [everything, identity-claim]
    cweIds: [89]
`;

/**
 * A model describes its own service. A team-limited token that uploads a model for its service, with
 * rules that would fit every finding, must not move another team's links or gap figures.
 */
describe('threat-model match rules stay within the model’s service', () => {
  let sut: TestApp;
  beforeAll(async () => {
    sut = await startTestApp();
  });
  beforeEach(() => resetDatabase(sut));
  afterAll(() => sut.close());

  const linksOf = (service: string) =>
    sut.sql(
      `SELECT f.fingerprint, ms.name AS model_service, l.component_key, l.threat_key
         FROM finding_links l JOIN findings f ON f.id = l.finding_id JOIN services s ON s.id = f.service_id
         JOIN threat_models m ON m.id = l.threat_model_id JOIN services ms ON ms.id = m.service_id
        WHERE s.name = $1 ORDER BY 1, 2, 3, 4`,
      [service],
    );
  const gapsOf = async (service: string) => {
    const body = (await sut.http().get('/api/v1/metrics/gaps?groupBy=service').expect(200)).body as { series: { key: string }[] };
    return body.series.find((s) => s.key === service);
  };

  it('keeps another team’s links and gaps when a Payments token uploads a model with paths ["**"]', async () => {
    const payments = (await sut.http().post('/api/v1/teams').send({ name: 'Payments' }).expect(201)).body;
    const identity = (await sut.http().post('/api/v1/teams').send({ name: 'Identity' }).expect(201)).body;
    await sut.http().post('/api/v1/services').send({ name: 'checkout-web', teamId: payments.id }).expect(201);
    await sut.http().post('/api/v1/services').send({ name: 'identity-api', teamId: identity.id }).expect(201);
    await sut.http().post('/api/v1/threat-models?service=identity-api&effectiveFrom=2026-01-01').set('content-type', 'application/yaml').serialize(raw).send(identityModel).expect(201);
    await sut
      .http()
      .post('/api/v1/findings')
      .send([
        aFinding({ service: 'identity-api', fingerprint: 'id-login', location: { repo: 'github.com/acme/identity', path: 'src/login/query.ts', line: 3 } }),
        aFinding({ service: 'identity-api', fingerprint: 'id-profile', location: { repo: 'github.com/acme/identity', path: 'src/profile/update.ts', line: 9 } }),
        aFinding({ service: 'checkout-web', fingerprint: 'co-cart', location: { repo: 'github.com/acme/checkout', path: 'src/cart.ts', line: 1 } }),
      ])
      .expect(200);
    const identityLinks = await linksOf('identity-api');
    expect(identityLinks).toEqual([
      { fingerprint: 'id-login', model_service: 'identity-api', component_key: 'login', threat_key: '' },
      { fingerprint: 'id-login', model_service: 'identity-api', component_key: 'login', threat_key: 'T1' },
    ]);
    const identityGaps = await gapsOf('identity-api');
    expect(identityGaps).toMatchObject({ points: [expect.objectContaining({ escaped: 2, contextGap: 1, modelGap: 0, unmodelled: 1 })] });

    const token = await sut.asToken({ scopes: ['threat-models:write', 'read'], teamId: payments.id, name: 'payments-ci' });
    await token.http.post('/api/v1/threat-models?service=checkout-web&effectiveFrom=2026-01-01').set('content-type', 'application/yaml').serialize(raw).send(greedyModel).expect(201);

    expect(await linksOf('identity-api')).toEqual(identityLinks);
    expect(await gapsOf('identity-api')).toEqual(identityGaps);
    // The model still places its own service's findings.
    expect(await linksOf('checkout-web')).toEqual([
      { fingerprint: 'co-cart', model_service: 'checkout-web', component_key: 'everything', threat_key: '' },
      { fingerprint: 'co-cart', model_service: 'checkout-web', component_key: 'everything', threat_key: 'T9' },
    ]);

    // New findings of Identity, linked as they arrive, are not claimed either.
    await sut.http().post('/api/v1/findings').send([aFinding({ service: 'identity-api', fingerprint: 'id-new', location: { repo: 'github.com/acme/identity', path: 'src/new.ts', line: 1 } })]).expect(200);
    expect((await linksOf('identity-api')).filter((l) => l.fingerprint === 'id-new')).toEqual([]);

    // Nor can a person link a finding to another service's model by hand.
    const checkoutModel = ((await sut.http().get('/api/v1/threat-models').expect(200)).body as { id: string; service: string }[]).find((m) => m.service === 'checkout-web')!;
    const [{ id: loginFinding }] = await sut.sql<{ id: string }>(`SELECT id FROM findings WHERE fingerprint = 'id-login'`);
    const refused = await sut.http().post(`/api/v1/findings/${loginFinding}/links`).send({ threatModelId: checkoutModel.id, componentKey: 'everything' }).expect(400);
    expect(refused.body.errors).toEqual([expect.objectContaining({ pointer: '/threatModelId', message: expect.stringContaining('describes service "checkout-web"') })]);
    expect(await linksOf('identity-api')).toEqual(identityLinks);
  });

  it('lets a model claim the services its rules name that its uploader may write, and no others', async () => {
    const payments = (await sut.http().post('/api/v1/teams').send({ name: 'Payments' }).expect(201)).body;
    const identity = (await sut.http().post('/api/v1/teams').send({ name: 'Identity' }).expect(201)).body;
    for (const [name, team] of [['checkout-web', payments], ['payments-api', payments], ['identity-api', identity]] as const) {
      await sut.http().post('/api/v1/services').send({ name, teamId: team.id }).expect(201);
    }
    const at = (service: string) => aFinding({ service, fingerprint: `${service}-1`, location: { repo: 'github.com/acme/x', path: 'src/a.ts', line: 1 } });
    await sut.http().post('/api/v1/findings').send([at('checkout-web'), at('payments-api'), at('identity-api')]).expect(200);
    const platform = `escapementThreatModel: 1\nname: Platform\ncomponents:\n${['checkout-web', 'payments-api', 'identity-api']
      .map((service) => `  - key: ${service}-part\n    name: ${service}\n    match:\n      services: [${service}]\n`)
      .join('')}`;
    const claimed = async () => (await sut.sql<{ fingerprint: string; component_key: string }>(`SELECT f.fingerprint, l.component_key FROM finding_links l JOIN findings f ON f.id = l.finding_id ORDER BY 1`));

    // A Payments token: its own team's services only.
    const token = await sut.asToken({ scopes: ['threat-models:write', 'read'], teamId: payments.id, name: 'payments-ci' });
    const byToken = await token.http.post('/api/v1/threat-models?service=checkout-web').set('content-type', 'application/yaml').serialize(raw).send(platform).expect(201);
    expect(byToken.body.version.alsoServices).toEqual(['payments-api']);
    expect(await claimed()).toEqual([
      { fingerprint: 'checkout-web-1', component_key: 'checkout-web-part' },
      { fingerprint: 'payments-api-1', component_key: 'payments-api-part' },
    ]);
    // An organisation-wide uploader: every service the model names. The next version replaces the links.
    const byAdmin = await sut.http().post('/api/v1/threat-models?service=checkout-web').set('content-type', 'application/yaml').serialize(raw).send(`${platform}# v2\n`).expect(201);
    expect(byAdmin.body.version.alsoServices).toEqual(['identity-api', 'payments-api']);
    expect(await claimed()).toEqual([
      { fingerprint: 'checkout-web-1', component_key: 'checkout-web-part' },
      { fingerprint: 'identity-api-1', component_key: 'identity-api-part' },
      { fingerprint: 'payments-api-1', component_key: 'payments-api-part' },
    ]);
  });
});
