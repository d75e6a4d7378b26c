import { type FindingDetailDto, PWNISMS_LABELS } from '@escapement/domain';
import { useId } from 'react';
import { formatDateTime } from '../../../lib/format';
import { categoryLabel, labelOf } from '../../../lib/finding-labels';
import { ClassBadge } from './finding-badges';
import { OverrideForm } from './override-form';

/**
 * The class, what decided it and why, in the words a security lead can check; then the override control,
 * for the roles that may use it.
 */
export function ClassificationCard({ finding, canOverride }: { finding: FindingDetailDto; canOverride: boolean }) {
  const titleId = useId();
  const overridden = finding.override !== null || finding.classRule === 'override';
  return (
    <section className="card" aria-labelledby={titleId} data-testid="finding-classification">
      <header className="card-header">
        <h2 id={titleId}>Classification</h2>
      </header>
      <dl className="facts">
        <div>
          <dt>Class</dt>
          <dd data-testid="finding-class" data-class={finding.findingClass}>
            <ClassBadge findingClass={finding.findingClass} />
          </dd>
        </div>
        <div>
          <dt>Category</dt>
          <dd>{finding.category ? categoryLabel(finding.category) : '–'}</dd>
        </div>
        <div>
          <dt>PWNISMS layer</dt>
          <dd>{labelOf(PWNISMS_LABELS, finding.layer, 'None')}</dd>
        </div>
        <div>
          <dt>Decided by</dt>
          <dd data-testid="finding-class-rule">
            {overridden ? (
              <>
                A person
                {finding.override && (
                  <span className="muted">
                    {' '}
                    ({finding.override.by ? `${finding.override.by}, ` : ''}
                    {formatDateTime(finding.override.at)})
                  </span>
                )}
              </>
            ) : (
              <code>{finding.classRule ?? 'no rule'}</code>
            )}
          </dd>
        </div>
      </dl>
      <div>
        <h3 className="subheading">Reason</h3>
        <p className="reason" data-testid="finding-class-reason">
          {finding.classReason ?? 'No reason recorded.'}
        </p>
      </div>
      {canOverride ? (
        <OverrideForm key={finding.id} findingId={finding.id} currentClass={finding.findingClass} overridden={overridden} />
      ) : (
        <p className="muted small" data-testid="override-unavailable">
          Administrators and security leads can override the class.
        </p>
      )}
    </section>
  );
}
