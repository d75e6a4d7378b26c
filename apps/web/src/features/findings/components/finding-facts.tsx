import { useId } from 'react';
import { formatDateTime } from '../../../lib/format';
import { labelOf, SOURCE_KIND_LABELS, STATUS_LABELS } from '../../../lib/finding-labels';
import type { FindingDetailDto } from '@escapement/domain';

/** The recorded facts: where it came from and when, for checking against the tool's own report. */
export function FindingFacts({ finding }: { finding: FindingDetailDto }) {
  const titleId = useId();
  return (
    <section className="card" aria-labelledby={titleId}>
      <header className="card-header">
        <h2 id={titleId}>Details</h2>
      </header>
      <dl className="facts facts-wide">
        <div>
          <dt>Status</dt>
          <dd>{labelOf(STATUS_LABELS, finding.status)}</dd>
        </div>
        <div>
          <dt>Source</dt>
          <dd>
            {labelOf(SOURCE_KIND_LABELS, finding.sourceKind)}
            {finding.tool ? ` · ${finding.tool}` : ''}
          </dd>
        </div>
        <div>
          <dt>Rule id</dt>
          <dd>{finding.ruleId ? <code>{finding.ruleId}</code> : '–'}</dd>
        </div>
        <div>
          <dt>CWE</dt>
          <dd>
            {finding.cweIds.length === 0
              ? '–'
              : finding.cweIds.map((cwe, index) => (
                  <span key={cwe}>
                    {index > 0 && ', '}
                    <a href={`https://cwe.mitre.org/data/definitions/${cwe}.html`} target="_blank" rel="noreferrer">
                      CWE-{cwe}
                    </a>
                  </span>
                ))}
          </dd>
        </div>
        <div>
          <dt>Introduced</dt>
          <dd>{finding.introducedAt ? formatDateTime(finding.introducedAt) : 'Not recorded'}</dd>
        </div>
        <div>
          <dt>First detected</dt>
          <dd>{formatDateTime(finding.firstDetectedAt)}</dd>
        </div>
        <div>
          <dt>Fixed</dt>
          <dd>{finding.fixedAt ? formatDateTime(finding.fixedAt) : '–'}</dd>
        </div>
        <div>
          <dt>Fingerprint</dt>
          <dd>
            <code className="break">{finding.fingerprint}</code>
          </dd>
        </div>
      </dl>
    </section>
  );
}
