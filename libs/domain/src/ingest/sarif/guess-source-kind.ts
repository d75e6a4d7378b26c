import type { SourceKind } from '../../model/finding';

/**
 * Tools whose name says what kind of scanner they are, matched against the name lower-cased with
 * everything but letters and digits removed ("Black Duck" → "blackduck", "npm audit" → "npmaudit").
 * Order matters: the first match wins.
 */
const KNOWN_TOOLS: readonly (readonly [SourceKind, readonly string[]])[] = [
  ['secrets', ['gitleaks', 'trufflehog', 'detectsecrets', 'ggshield', 'gitguardian', 'secretlint']],
  ['iac', ['checkov', 'tfsec', 'kics', 'dockle', 'hadolint', 'terrascan', 'kubelinter', 'kubescape', 'snykiac', 'snykinfrastructure']],
  ['dast', ['zap', 'zaproxy', 'burp', 'nuclei', 'nikto', 'arachni']],
  ['sast', ['snykcode']],
  [
    'sca',
    ['trivy', 'grype', 'snyk', 'dependabot', 'osv', 'blackduck', 'npmaudit', 'yarnaudit', 'pipaudit', 'cargoaudit', 'dependencycheck', 'govulncheck', 'retirejs'],
  ],
];

/**
 * The source kind a SARIF upload most likely is, from its tool name, for callers that were not told.
 * Static analysers are by far the most common SARIF producers, so an unknown tool is `sast`.
 * Snyk is several scanners under one name: Snyk Code is SAST, Snyk IaC is IaC, the rest is SCA.
 */
export function guessSourceKind(toolName: string | null): SourceKind {
  const name = (toolName ?? '').toLowerCase().replace(/[^a-z0-9]/g, '');
  for (const [kind, tools] of KNOWN_TOOLS) if (tools.some((tool) => name.includes(tool))) return kind;
  return 'sast';
}
