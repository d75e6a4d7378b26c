/** A valid finding as a client would post it; override what a spec cares about. */
export function aFinding(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    service: 'payments-api',
    sourceKind: 'sast',
    tool: 'semgrep',
    ruleId: 'javascript.express.sql-injection',
    title: 'SQL built from request parameters',
    severity: 'high',
    cweIds: [89],
    location: { repo: 'github.com/acme/payments-api', path: 'src/orders/search.ts', line: 42 },
    fingerprint: 'fp-sql-1',
    detectedAt: '2026-03-10T12:00:00Z',
    introducedAt: '2026-03-01T09:00:00Z',
    ...overrides,
  };
}
