import { DEFAULT_GLOB_LIMITS } from '@escapement/domain';
import { withClassification, type FindingRecord } from '../findings/finding-record';
import { DemoBatchEncoder, withImport, type BulkStagingPlan } from './demo-batch-encoder';

const SERVICE_ID = '11111111-1111-4111-8111-111111111111';
const MODEL_ID = '22222222-2222-4222-8222-222222222222';
const VERSION_ID = '33333333-3333-4333-8333-333333333333';

function sighting(fingerprint: string, stage: FindingRecord['stage'], detectedAt: string, path = 'src/billing/invoice.ts'): FindingRecord {
  return withClassification({
    serviceName: 'billing-api',
    fingerprint,
    title: `flaw ${fingerprint}`,
    severity: 'high',
    cweIds: [89],
    ruleId: 'sql-injection',
    tool: 'semgrep',
    sourceKind: 'sast',
    repo: 'acme/billing',
    path,
    line: 10,
    introducedAt: null,
    introducedCommit: null,
    status: null,
    stage,
    detectedAt: new Date(detectedAt),
    commitSha: null,
  });
}

const PLAN: BulkStagingPlan = {
  rules: [],
  models: {
    versions: [{ model_id: MODEL_ID, version_id: VERSION_ID, services: [SERVICE_ID], service_names: ['billing-api'] }],
    components: [
      {
        version_id: VERSION_ID,
        key: 'invoices',
        name: 'Invoices',
        description: null,
        type: null,
        trust_zone_key: null,
        parent_key: null,
        layer: null,
        match_repos: [],
        match_paths: ['src/billing/**'],
        match_services: [],
      },
    ],
    threats: [],
  },
  glob: DEFAULT_GLOB_LIMITS,
  serviceIds: [['billing-api', SERVICE_ID]],
};

/** The elements of a PostgreSQL array text of quoted elements, as the encoder writes them. */
const elements = (array: string) => (array === '{}' ? [] : array.slice(2, -2).split('","'));

describe(DemoBatchEncoder.name, () => {
  it('merges the sightings into findings with time-ordered ids of their own, which their detections and links name', () => {
    const batch = new DemoBatchEncoder(PLAN).encode(
      [sighting('a1', 'ci', '2026-05-02T00:00:00Z'), sighting('a1', 'production', '2026-05-09T00:00:00Z'), sighting('b2', 'code_review', '2026-05-03T00:00:00Z', 'docs/readme.md')],
      2,
    );
    expect({ received: batch.received, created: batch.created, through: batch.through }).toEqual({ received: 3, created: 2, through: 2 });
    // 21 columns, then the ids: UUID version 7, in the order they were made.
    expect(batch.findings).toHaveLength(22);
    const ids = elements(batch.findings[21]);
    expect(ids).toHaveLength(2);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...ids].sort()).toEqual(ids);
    expect(elements(batch.findings[1])).toEqual(['a1', 'b2']);
    // a1 was seen at two stages, b2 at one: each detection names its finding's id.
    expect(elements(batch.detections[0])).toEqual([ids[0], ids[0], ids[1]]);
    // Only a1's path is in the model's component; no threats, so one link to the component alone.
    expect(batch.links?.map(elements)).toEqual([[ids[0]], [MODEL_ID], ['invoices'], ['']]);
  });

  it('gives findings with the same facts the same links, each under its own id', () => {
    const encoder = new DemoBatchEncoder(PLAN);
    const first = encoder.encode([sighting('a1', 'ci', '2026-05-02T00:00:00Z'), sighting('c3', 'ci', '2026-05-04T00:00:00Z')], 2);
    const later = encoder.encode([sighting('e5', 'ci', '2026-05-06T00:00:00Z')], 3);
    const [a1, c3] = elements(first.findings[21]);
    expect(first.links?.map(elements)).toEqual([[a1, c3], [MODEL_ID, MODEL_ID], ['invoices', 'invoices'], ['', '']]);
    expect(later.links?.map(elements)).toEqual([elements(later.findings[21]), [MODEL_ID], ['invoices'], ['']]);
  });

  it('leaves the import to the thread that opens it', () => {
    const batch = new DemoBatchEncoder(PLAN).encode([sighting('a1', 'ci', '2026-05-02T00:00:00Z')], 1);
    const importId = '44444444-4444-4444-8444-444444444444';
    const named = withImport(batch.detections, importId);
    expect(named[5]).toBe(importId);
    expect(named.filter((_, i) => i !== 5)).toEqual(batch.detections.filter((_, i) => i !== 5));
  });

  it('stages no links for a batch no component claims', () => {
    expect(new DemoBatchEncoder(PLAN).encode([sighting('c3', 'ci', '2026-05-02T00:00:00Z', 'docs/readme.md')], 1).links).toBeNull();
  });

  it('refuses a sighting of a service the organisation does not hold', () => {
    const stranger = { ...sighting('d4', 'ci', '2026-05-02T00:00:00Z'), serviceName: 'unknown-api' };
    expect(() => new DemoBatchEncoder(PLAN).encode([stranger], 1)).toThrow('A demo finding names a service the organisation does not hold: unknown-api');
  });
});
