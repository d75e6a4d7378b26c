import { parseSarifLog } from '../ingest/sarif/parse-sarif-log';
import type { ExportedFinding } from './finding-export-columns';
import { sarifResult, sarifRunHead } from './sarif-export';

const finding = (overrides: Partial<ExportedFinding> = {}): ExportedFinding => ({
  id: '4a0c2c64-2f0e-4b8e-9d0e-2f3c1d9b8a11',
  serviceId: '7d1c',
  serviceName: 'payments-api',
  teamId: null,
  teamName: 'Payments',
  fingerprint: 'semgrep:authz:refund',
  title: 'Refund endpoint does not check the order belongs to the caller, "quoted", =1+1',
  severity: 'high',
  cweIds: [285, 639],
  ruleId: 'AUTHZ-001',
  tool: 'semgrep',
  sourceKind: 'sast',
  location: { repo: 'github.com/acme/payments-api', path: 'src/orders/refund controller/заказ.ts', line: 42 },
  introducedAt: '2026-04-20T08:00:00.000Z',
  introducedCommit: '4b825dc642cb6eb9a060e54bf8d69288fbee4904',
  firstDetectedAt: '2026-05-04T10:00:00.000Z',
  firstDetectedStage: 'production',
  status: 'open',
  findingClass: 'design',
  classRule: null,
  classReason: null,
  category: 'authorization',
  layer: 'iam',
  gap: 'context_gap',
  ...overrides,
});

describe(sarifResult.name, () => {
  it('is read back by the SARIF reader as the same finding', () => {
    const exported = [finding(), finding({ fingerprint: 'f2', severity: 'info', cweIds: [], ruleId: null, location: { repo: null, path: null, line: null }, introducedAt: null, introducedCommit: null, status: 'suppressed', firstDetectedStage: 'ci' })];
    const severities = (['critical', 'high', 'medium', 'low', 'info'] as const).map((severity) => finding({ fingerprint: `s-${severity}`, severity }));
    const log = { version: '2.1.0', runs: [{ ...sarifRunHead('semgrep', 'github.com/acme/payments-api'), results: [...exported, ...severities].map(sarifResult) }] };
    const sut = parseSarifLog(JSON.parse(JSON.stringify(log)));

    const [first, second, ...bySeverity] = sut.findings;
    expect(first).toMatchObject({
      fingerprint: 'semgrep:authz:refund',
      title: exported[0].title,
      severity: 'high',
      cweIds: [285, 639],
      ruleId: 'AUTHZ-001',
      tool: 'semgrep',
      sourceKind: 'sast',
      stage: 'production',
      status: 'open',
      location: { repo: 'github.com/acme/payments-api', path: 'src/orders/refund controller/заказ.ts', line: 42 },
      introducedAt: '2026-04-20T08:00:00.000Z',
      introducedCommit: '4b825dc642cb6eb9a060e54bf8d69288fbee4904',
      detectedAt: '2026-05-04T10:00:00.000Z',
    });
    expect(second).toMatchObject({ fingerprint: 'f2', severity: 'info', cweIds: [], ruleId: null, stage: 'ci', status: 'suppressed', suppressed: true, location: { path: null, line: null } });
    expect(bySeverity.map((f) => f.severity)).toEqual(['critical', 'high', 'medium', 'low', 'info']);
  });
});
