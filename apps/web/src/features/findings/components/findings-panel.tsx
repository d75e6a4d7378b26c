import { useId } from 'react';
import { QueryErrorState } from '../../../components/ui/query-error-state';
import { StateMessage } from '../../../components/ui/state-message';
import { TableSkeleton } from '../../../components/ui/table-skeleton';
import { useFindings } from '../api/get-findings';
import { narrowsFindings, type FindingSort, type FindingsQuery } from '../findings-query';
import { pageNumber, type PageTrail } from '../page-trail';
import { FindingsPagination } from './findings-pagination';
import { FindingsTable } from './findings-table';

interface FindingsPanelProps {
  query: FindingsQuery;
  cursor: string | null;
  trail: PageTrail;
  onSort: (column: FindingSort) => void;
  onNext: (cursor: string) => void;
  onPrevious: () => void;
  onReset: () => void;
}

const UPLOAD_HINT = 'npx escapement upload results.sarif --stage ci --service NAME';

/** Loads a page of findings and decides between skeleton, error, empty and the table. */
export function FindingsPanel({ query, cursor, trail, onSort, onNext, onPrevious, onReset }: FindingsPanelProps) {
  const titleId = useId();
  const findings = useFindings({ query, cursor });
  const busy = findings.isPlaceholderData && findings.isFetching;

  let body;
  if (findings.isPending) {
    body = <TableSkeleton label="Loading findings" />;
  } else if (findings.isError) {
    body = <QueryErrorState what="the findings" error={findings.error} retrying={findings.isFetching} onRetry={() => void findings.refetch()} />;
  } else if (findings.data.items.length === 0) {
    body =
      narrowsFindings(query) || cursor !== null ? (
        <StateMessage
          testId="state-empty"
          title="No findings match these filters"
          action={
            <button type="button" className="button button-quiet" onClick={onReset}>
              Reset filters
            </button>
          }
        >
          <p>Widen the search, or clear a filter.</p>
        </StateMessage>
      ) : (
        <StateMessage testId="state-empty" title="No findings recorded yet">
          <p>Findings appear here once a CI job posts scanner results:</p>
          <pre className="code">
            <code>{UPLOAD_HINT}</code>
          </pre>
        </StateMessage>
      );
  } else {
    body = (
      <>
        <FindingsTable items={findings.data.items} query={query} onSort={onSort} busy={busy} />
        <FindingsPagination
          page={pageNumber(trail, cursor)}
          rowCount={findings.data.items.length}
          hasPrevious={cursor !== null}
          nextCursor={findings.data.nextCursor}
          onPrevious={onPrevious}
          onNext={onNext}
          busy={busy}
        />
      </>
    );
  }

  return (
    <section className="card card-table" aria-labelledby={titleId}>
      <h2 id={titleId} className="visually-hidden">
        Findings
      </h2>
      {body}
    </section>
  );
}
