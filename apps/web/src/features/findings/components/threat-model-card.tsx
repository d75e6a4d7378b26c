import { type FindingDetailDto, PWNISMS_LABELS } from '@escapement/domain';
import { useId } from 'react';
import { Link } from 'react-router-dom';
import { formatDay } from '../../../lib/format';
import { labelOf, STRIDE_LABELS } from '../../../lib/finding-labels';
import { STAGE_LABELS } from '../../../lib/stage-labels';
import { explainGap } from '../gap-explanation';
import { groupLinksByComponent } from '../threat-links';

/** Why the context did not stop the finding, and the components and threats of the model it belongs to. */
export function ThreatModelCard({ finding }: { finding: FindingDetailDto }) {
  const titleId = useId();
  const explanation = explainGap(finding);
  const components = groupLinksByComponent(finding.links);
  return (
    <section className="card" aria-labelledby={titleId} data-testid="finding-threat-model">
      <header className="card-header">
        <h2 id={titleId}>Threat model</h2>
      </header>
      <div className={`gap-explanation gap-${explanation.gap ?? 'unknown'}`} data-testid="finding-gap">
        <p>{explanation.text}</p>
        {!finding.escaped && (
          <p className="muted small">This finding was stopped before the {STAGE_LABELS[finding.boundary]} boundary; the gap says what the model knew.</p>
        )}
      </div>
      {components.length === 0 ? (
        <p className="muted">No threat-model component matches this finding.</p>
      ) : (
        <ul className="link-list">
          {components.map((group) => (
            <li key={`${group.threatModelId}-${group.component.key}`}>
              <p>
                <Link to={`/threat-models/${encodeURIComponent(group.threatModelId)}`} className="strong">
                  {group.component.name ?? group.component.key}
                </Link>{' '}
                <span className="muted small">
                  {group.service} · <code>{group.component.key}</code>
                  {group.component.layer ? ` · ${labelOf(PWNISMS_LABELS, group.component.layer)}` : ''}
                  {group.manual ? ' · linked by hand' : ''}
                </span>
              </p>
              {group.threats.length === 0 ? (
                <p className="muted small">No threat of this component covers the finding.</p>
              ) : (
                <ul className="threat-list">
                  {group.threats.map((threat) => (
                    <li key={threat.key}>
                      <span>{threat.title ?? threat.key}</span>{' '}
                      <span className="muted small">
                        <code>{threat.key}</code>
                        {threat.stride ? ` · ${labelOf(STRIDE_LABELS, threat.stride)}` : ''}
                        {threat.cweIds.length ? ` · ${threat.cweIds.map((cwe) => `CWE-${cwe}`).join(', ')}` : ''}
                        {threat.firstEffectiveFrom ? ` · in the model since ${formatDay(threat.firstEffectiveFrom)}` : ''}
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
