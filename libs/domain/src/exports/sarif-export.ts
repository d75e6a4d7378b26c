import type { Severity } from '../model/finding';
import type { ExportedFinding } from './finding-export-columns';

/**
 * The `fingerprints` key under which an export carries each finding's own fingerprint. The SARIF reader
 * takes a value under this key as the fingerprint itself (not `sarif:<key>:<value>`), so a re-imported
 * export is the same findings, not copies of them.
 */
export const ESCAPEMENT_FINGERPRINT_KEY = 'escapement/v1';

/** Property-bag keys the SARIF reader honours for what SARIF has no field for. */
export const ESCAPEMENT_SARIF_PROPERTIES = { stage: 'escapement/stage', sourceKind: 'escapement/sourceKind', status: 'escapement/status', repo: 'escapement/repo' } as const;

/** An absolute URI (a scheme, then more than a Windows drive letter), as `repositoryUri` must be. */
const ABSOLUTE_URI = /^[a-z][a-z0-9+.-]+:/i;

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

/**
 * A `security-severity` score inside each CVSS band, so the reader's band mapping gives the severity
 * back; `info` is 0, which the reader reads as info.
 */
const SCORE_OF_SEVERITY: Readonly<Record<Severity, string>> = { critical: '9.5', high: '8.0', medium: '5.5', low: '2.0', info: '0.0' };
const LEVEL_OF_SEVERITY: Readonly<Record<Severity, 'error' | 'warning' | 'note' | 'none'>> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'none' };

/** A SARIF run's opening, without results, for the tool (and repository) a group of findings came from. */
export function sarifRunHead(tool: string | null, repo: string | null): Record<string, unknown> {
  const uri = repo !== null && ABSOLUTE_URI.test(repo);
  return {
    tool: { driver: { name: tool ?? 'unknown', properties: { exportedBy: 'Escapement' } } },
    ...(uri ? { versionControlProvenance: [{ repositoryUri: repo }] } : {}),
    columnKind: 'unicodeCodePoints',
    ...(repo !== null && !uri ? { properties: { [ESCAPEMENT_SARIF_PROPERTIES.repo]: repo } } : {}),
  };
}

/** One finding as a SARIF 2.1.0 result that the SARIF reader turns back into the same finding. */
export function sarifResult(finding: ExportedFinding): Record<string, unknown> {
  const location = finding.location;
  const properties: Record<string, unknown> = {
    'security-severity': SCORE_OF_SEVERITY[finding.severity],
    [ESCAPEMENT_SARIF_PROPERTIES.stage]: finding.firstDetectedStage,
    [ESCAPEMENT_SARIF_PROPERTIES.sourceKind]: finding.sourceKind,
    [ESCAPEMENT_SARIF_PROPERTIES.status]: finding.status,
    findingClass: finding.findingClass,
    service: finding.serviceName,
    ...(finding.cweIds.length ? { tags: ['security', ...finding.cweIds.map((id) => `external/cwe/cwe-${id}`)] } : { tags: ['security'] }),
    ...(finding.introducedAt ? { introducedAt: finding.introducedAt } : {}),
    ...(finding.introducedCommit ? { introducedCommit: finding.introducedCommit } : {}),
  };
  return {
    ...(finding.ruleId ? { ruleId: finding.ruleId } : {}),
    level: LEVEL_OF_SEVERITY[finding.severity],
    message: { text: finding.title },
    ...(location.path
      ? {
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: artifactUri(location.path) },
                ...(location.line ? { region: { startLine: location.line } } : {}),
              },
            },
          ],
        }
      : {}),
    fingerprints: { [ESCAPEMENT_FINGERPRINT_KEY]: finding.fingerprint },
    provenance: { firstDetectionTimeUtc: finding.firstDetectedAt },
    ...(finding.status === 'suppressed' ? { suppressions: [{ kind: 'external', status: 'accepted' }] } : {}),
    properties,
  };
}

/** A path as a URI reference: each segment percent-encoded, a URL (a DAST target) kept whole. */
function artifactUri(path: string): string {
  if (ABSOLUTE_URI.test(path)) return path;
  return path.split('/').map(encodeURIComponent).join('/');
}
