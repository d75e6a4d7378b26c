import type { ContextFlag, ContextFlagValue } from '@escapement/domain';
import { useId } from 'react';
import { useFindingChange } from '../api/get-finding-change';

const FLAG_LABELS: Record<ContextFlag, string> = {
  threatModelLinked: 'Threat model linked in the ticket',
  acceptanceCriteria: 'Security acceptance criteria',
  promptContext: 'Threat context in the prompt',
  reviewedAgainstModel: 'Reviewed against the model',
};
const LINKED_BY = { manual: 'by hand', change_ref: 'by the change ref sent with the finding', commit: 'by its introducing commit' } as const;
const valueOf = (flag: ContextFlagValue) => (flag.value === null ? 'unknown' : `${flag.value ? 'yes' : 'no'} (${flag.source})`);

/** The change that introduced the finding, and the threat context it carried. */
export function ChangeCard({ findingId }: { findingId: string }) {
  const titleId = useId();
  const change = useFindingChange(findingId);
  if (change.isPending || change.isError) return null;
  return (
    <section className="card" aria-labelledby={titleId} data-testid="finding-change">
      <header className="card-header">
        <h2 id={titleId}>Change</h2>
      </header>
      {change.data === null ? (
        <p className="muted">No recorded change is known to have introduced this finding.</p>
      ) : (
        <>
          <p>
            <strong>{change.data.ref}</strong> {change.data.title} <span className="muted small">(linked {LINKED_BY[change.data.linkedBy]})</span>
          </p>
          <dl className="facts">
            {(Object.keys(FLAG_LABELS) as ContextFlag[]).map((flag) => (
              <div key={flag}>
                <dt>{FLAG_LABELS[flag]}</dt>
                <dd>{valueOf(change.data!.flags[flag])}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
    </section>
  );
}
