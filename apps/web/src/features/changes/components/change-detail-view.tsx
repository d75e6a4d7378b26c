import type { ChangeDetailDto, ContextFlag } from '@escapement/domain';
import { Link } from 'react-router-dom';
import { QueryContent } from '../../../components/ui/query-content';
import { useChange } from '../api/get-change';

const FLAG_LABELS: Record<ContextFlag, string> = {
  threatModelLinked: 'Threat model linked in the ticket',
  acceptanceCriteria: 'Security acceptance criteria',
  promptContext: 'Threat context in the prompt',
  reviewedAgainstModel: 'Reviewed against the model',
};
const LINKED_BY = { manual: 'by hand', change_ref: 'change ref', commit: 'commit' } as const;

/** One change: what it is, the context it carried and the findings it introduced. */
export function ChangeDetailView({ id }: { id: string }) {
  const change = useChange(id);
  return (
    <QueryContent query={change} what="the change">
      {(c) => <ChangeDetail c={c} />}
    </QueryContent>
  );
}

/** The loaded change. */
function ChangeDetail({ c }: { c: ChangeDetailDto }) {
  return (
    <>
      <div className="page-header">
        <p>
          <Link to="/changes">← Back to changes</Link>
        </p>
        <h1>
          {c.ref} {c.title}
        </h1>
        <p className="muted">
          {c.serviceName}
          {c.teamName ? ` · ${c.teamName}` : ''} · merged {c.mergedAt?.slice(0, 10) ?? 'not yet'} · {c.commits.length} commit{c.commits.length === 1 ? '' : 's'}
          {c.author ? ` · ${c.author}` : ''}
          {c.ticket ? ` · ${c.ticket}` : ''}
        </p>
      </div>
      <section className="card" aria-labelledby="change-context-title">
        <header className="card-header">
          <h2 id="change-context-title">Threat context</h2>
        </header>
        <dl className="facts" data-testid="change-flags">
          {(Object.keys(FLAG_LABELS) as ContextFlag[]).map((flag) => (
            <div key={flag}>
              <dt>{FLAG_LABELS[flag]}</dt>
              <dd>{c.flags[flag].value === null ? 'unknown' : `${c.flags[flag].value ? 'yes' : 'no'} (${c.flags[flag].source})`}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section className="card" aria-labelledby="change-findings-title">
        <header className="card-header">
          <h2 id="change-findings-title">Findings it introduced</h2>
        </header>
        {c.findingsLinked.length === 0 ? (
          <p className="muted">No finding is linked to this change.</p>
        ) : (
          <div className="table-scroll" tabIndex={0} role="region" aria-label="Findings of the change">
            <table className="plain-table" data-testid="change-findings">
              <thead>
                <tr>
                  <th scope="col">Finding</th>
                  <th scope="col">Class</th>
                  <th scope="col">First caught</th>
                  <th scope="col">Linked by</th>
                </tr>
              </thead>
              <tbody>
                {c.findingsLinked.map((f) => (
                  <tr key={f.id}>
                    <td>
                      <Link to={`/findings/${f.id}`}>{f.title}</Link>
                    </td>
                    <td>{f.findingClass}</td>
                    <td>
                      {f.firstDetectedStage.replace('_', ' ')} · {f.firstDetectedAt.slice(0, 10)}
                    </td>
                    <td>{LINKED_BY[f.linkedBy]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
