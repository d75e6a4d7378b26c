import type { ChangeDto, ContextFlagValue } from '@escapement/domain';
import { useId, useState } from 'react';
import { Link } from 'react-router-dom';
import { QueryContent } from '../../../components/ui/query-content';
import { useChanges } from '../api/get-changes';

const mark = (flag: ContextFlagValue) => (flag.value === null ? '?' : flag.value ? `yes${flag.source === 'derived' ? ' (derived)' : ''}` : 'no');

/** The recorded changes, newest first, with their flags and how many findings they introduced. */
export function ChangesTable({ team }: { team: string | null }) {
  const titleId = useId();
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const changes = useChanges({ team, context: null, cursor: cursors[cursors.length - 1] });
  const body = (
    <QueryContent query={changes} what="the changes" rows={5}>
      {(data) => (
        <>
          <div className="table-scroll table-wide" tabIndex={0} role="region" aria-label="Changes">
            <table className="plain-table" data-testid="changes-table">
              <thead>
                <tr>
                  <th scope="col">Change</th>
                  <th scope="col">Service</th>
                  <th scope="col">Merged</th>
                  <th scope="col">Model linked</th>
                  <th scope="col">Criteria</th>
                  <th scope="col">Prompt</th>
                  <th scope="col">Review</th>
                  <th scope="col" className="numeric">
                    Findings
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((change: ChangeDto) => (
                  <tr key={change.id}>
                    <th scope="row">
                      <Link to={`/changes/${change.id}`}>{change.ref}</Link> {change.title ? <span className="muted">{change.title}</span> : null}
                    </th>
                    <td>{change.serviceName}</td>
                    <td>{(change.mergedAt ?? change.openedAt ?? change.recordedAt).slice(0, 10)}</td>
                    <td>{mark(change.flags.threatModelLinked)}</td>
                    <td>{mark(change.flags.acceptanceCriteria)}</td>
                    <td>{mark(change.flags.promptContext)}</td>
                    <td>{mark(change.flags.reviewedAgainstModel)}</td>
                    <td className="numeric">{change.findings}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="toolbar">
            <button type="button" disabled={cursors.length === 1} onClick={() => setCursors(cursors.slice(0, -1))}>
              Newer
            </button>
            <button type="button" disabled={!data.nextCursor} onClick={() => setCursors([...cursors, data.nextCursor])}>
              Older
            </button>
          </div>
        </>
      )}
    </QueryContent>
  );
  return (
    <section className="card" aria-labelledby={titleId}>
      <header className="card-header">
        <h2 id={titleId}>Changes</h2>
        <p className="muted">Flags as declared by CI, imported, or derived from the context Escapement served for the change (? = unknown).</p>
      </header>
      {body}
    </section>
  );
}
