import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../ingest/parsed-finding';
import { TEST_LIMITS } from '../fixtures/limits';
import { parseThreatModel } from '../parse-threat-model';
import { readSourceText } from '../source-text';
import { parseThreagile } from './parse-threagile';

const shop = readFileSync(join(__dirname, '../../../../../test/fixtures/threat-models/shop.threagile.yaml'), 'utf8');

function problemsOf(text: string) {
  try {
    parseThreagile(readSourceText(text, 'model.yaml', TEST_LIMITS));
  } catch (error) {
    if (error instanceof InputError) return error.problems;
    throw error;
  }
  throw new Error('expected an InputError');
}

describe(parseThreagile.name, () => {
  const sut = (text: string) => parseThreagile(readSourceText(text, 'shop.yaml', TEST_LIMITS));

  it('is detected by its threagile_version and named by its title and business overview', () => {
    const model = parseThreatModel(shop, { fileName: 'shop.yaml', limits: TEST_LIMITS });
    expect(model).toMatchObject({ format: 'threagile', name: 'Shop', version: null, description: 'The web shop and its order database.' });
  });

  it('reads technical assets as components in the zone of their trust boundary, with the data assets they store or process', () => {
    const { components } = sut(shop);
    expect(components.map((component) => [component.key, component.name, component.type, component.trustZoneKey])).toEqual([
      ['customer-browser', 'Customer Browser', 'browser', null],
      ['orders-api', 'Orders API', 'web-service-rest', 'cloud'],
      ['orders-db', 'Orders Database', 'database', 'data-zone'],
    ]);
    // Orders inherits the usage and the other ratings of Customer Accounts through a merge key.
    expect(components[1].description).toBe('Takes orders\nProcesses: Customer Accounts (strictly-confidential), Orders (confidential).');
    expect(components[2].description).toBe('PostgreSQL\nStores: Customer Accounts (strictly-confidential), Orders (confidential).');
  });

  it('takes match rules from escapement.* tags, as in OTM files', () => {
    const { components } = sut(shop);
    expect(components[1].matchRules).toEqual({ repos: [], paths: ['src/orders/**'], services: ['payments-api'] });
    expect(components[0].matchRules).toEqual({ repos: [], paths: [], services: [] });
  });

  it('reads trust boundaries as zones, each crossed by the links with one end inside it or a boundary nested in it', () => {
    const model = sut(shop);
    expect(model.trustZones.map((zone) => [zone.key, zone.name, zone.description])).toEqual([
      ['cloud', 'Cloud Network', "The shop's cloud account"],
      ['data-zone', 'Data Zone', 'Private subnet of the databases'],
    ]);
    expect(model.trustBoundaries).toEqual([
      { key: 'cloud', name: 'Cloud Network', fromZoneKey: null, toZoneKey: 'cloud', crossingComponentKeys: ['customer-browser', 'orders-api'] },
      { key: 'data-zone', name: 'Data Zone', fromZoneKey: 'cloud', toZoneKey: 'data-zone', crossingComponentKeys: ['orders-api', 'orders-db'] },
    ]);
  });

  it("reads an identified risk as a threat with its category's STRIDE, CWE and mitigation, its tracking's status, and elevated read as high", () => {
    const [risk] = sut(shop).threats;
    expect(risk).toEqual({
      key: 'order-tampering@orders-api',
      title: 'Order Tampering at Orders API',
      description: 'A customer changes the price of an order they place.\nTracked as in-progress: Server-side pricing is being rolled out',
      componentKeys: ['orders-api', 'orders-db'],
      stride: 'tampering',
      layer: null,
      cweIds: [602],
      severity: 'high',
      status: 'open',
      mitigations: [{ key: 'order-tampering/mitigation', title: 'Recompute prices on the server.', description: "Recompute prices on the server. Never trust the client's total.", status: 'planned' }],
    });
  });

  it('reads tracked built-in risks as threats with the CWE of their category, on the assets and links their ids name', () => {
    const threats = sut(shop).threats.slice(1);
    expect(threats.map((threat) => [threat.key, threat.title, threat.componentKeys, threat.stride, threat.cweIds, threat.status])).toEqual([
      ['sql-nosql-injection@orders-db@orders-api>database-access', 'SQL/NoSQL-Injection', ['orders-db', 'orders-api'], 'tampering', [89], 'mitigated'],
      ['unencrypted-asset@*', 'Unencrypted Technical Assets', [], 'information_disclosure', [311], 'accepted'],
    ]);
  });

  it("reads an analysed model's generated risks, whose tracking may be a wildcard", () => {
    const text = [
      'threagile_version: 1.0.0',
      'title: Analysed',
      'technical_assets:',
      '  Web:',
      '    id: web',
      'generated_risks_by_category:',
      '  cross-site-scripting:',
      '    - category: cross-site-scripting',
      '      severity: elevated',
      '      title: <b>Cross-Site Scripting (XSS)</b> risk at <b>Web</b>',
      '      synthetic_id: cross-site-scripting@web',
      '      most_relevant_technical_asset: web',
      'risk_tracking:',
      '  cross-site-scripting@*:',
      '    status: false-positive',
      '',
    ].join('\n');
    expect(sut(text).threats).toEqual([
      expect.objectContaining({ key: 'cross-site-scripting@web', title: 'Cross-Site Scripting (XSS) risk at Web', componentKeys: ['web'], stride: 'tampering', cweIds: [79], severity: 'high', status: 'not_applicable' }),
    ]);
  });

  it('names the place of every reference to something the model does not define, and of a wrong status', () => {
    const text = [
      'threagile_version: 1.0.0',
      'title: Broken',
      'technical_assets:',
      '  Web:',
      '    id: web',
      '    data_assets_processed: [secrets]',
      '    communication_links:',
      '      Out:',
      '        target: nowhere',
      'trust_boundaries:',
      '  Zone:',
      '    id: zone',
      '    technical_assets_inside: [web, ghost]',
      'risk_tracking:',
      '  missing-waf@web:',
      '    status: done',
      '',
    ].join('\n');
    expect(problemsOf(text).map((problem) => [problem.pointer, problem.line])).toEqual([
      ['/technical_assets/Web/data_assets_processed/0', 6],
      ['/technical_assets/Web/communication_links/Out/target', 9],
      ['/trust_boundaries/Zone/technical_assets_inside/1', 13],
      ['/risk_tracking/missing-waf@web/status', 16],
    ]);
  });

  it('requires a title and technical assets given as a map', () => {
    expect(problemsOf('threagile_version: 1.0.0\ntechnical_assets: [web]\n').map((problem) => [problem.pointer, problem.message])).toEqual([
      ['/title', 'is required and must not be blank'],
      ['/technical_assets', 'must be an object'],
    ]);
  });
});
