import { useId } from 'react';
import { QueryContent } from '../../../components/ui/query-content';
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

  const filtered = narrowsFindings(query) || cursor !== null;

  const body = (
    <QueryContent
      query={findings}
      what="the findings"
      rows={8}
      isEmpty={(page) => page.items.length === 0}
      empty={
        filtered
          ? {
              title: 'No findings match these filters',
              body: <p>Widen the search, or clear a filter.</p>,
              action: (
                <button type="button" className="button button-quiet" onClick={onReset}>
                  Reset filters
                </button>
              ),
            }
          : {
              title: 'No findings recorded yet',
              body: (
                <>
                  <p>Findings appear here once a CI job posts scanner results:</p>
                  <pre className="code">
                    <code>{UPLOAD_HINT}</code>
                  </pre>
                </>
              ),
            }
      }
    >
      {(page) => (
        <>
          <FindingsTable items={page.items} query={query} onSort={onSort} busy={busy} />
          <FindingsPagination
            page={pageNumber(trail, cursor)}
            rowCount={page.items.length}
            hasPrevious={cursor !== null}
            nextCursor={page.nextCursor}
            onPrevious={onPrevious}
            onNext={onNext}
            busy={busy}
          />
        </>
      )}
    </QueryContent>
  );

  return (
    <section className="card card-table" aria-labelledby={titleId}>
      <h2 id={titleId} className="visually-hidden">
        Findings
      </h2>
      {body}
    </section>
  );
}
