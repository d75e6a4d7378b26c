import { guessSourceKind } from './guess-source-kind';

describe(guessSourceKind.name, () => {
  const sut = guessSourceKind;

  it.each([
    ['Gitleaks', 'secrets'],
    ['TruffleHog', 'secrets'],
    ['detect-secrets', 'secrets'],
    ['Trivy', 'sca'],
    ['Grype', 'sca'],
    ['Snyk Open Source', 'sca'],
    ['Snyk Code', 'sast'],
    ['Snyk IaC', 'iac'],
    ['dependabot', 'sca'],
    ['osv-scanner', 'sca'],
    ['Black Duck', 'sca'],
    ['npm audit', 'sca'],
    ['Checkov', 'iac'],
    ['tfsec', 'iac'],
    ['KICS', 'iac'],
    ['Dockle', 'iac'],
    ['hadolint', 'iac'],
    ['OWASP ZAP', 'dast'],
    ['Burp Suite', 'dast'],
    ['nuclei', 'dast'],
    ['CodeQL', 'sast'],
    ['Semgrep OSS', 'sast'],
    ['nodejsscan', 'sast'],
  ])('guesses %s is %s', (tool, kind) => {
    expect(sut(tool)).toBe(kind);
  });

  it('says sast when it has nothing to go on', () => {
    expect(sut(null)).toBe('sast');
    expect(sut('')).toBe('sast');
  });
});
