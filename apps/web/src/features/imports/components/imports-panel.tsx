import { useId } from 'react';
import { QueryContent } from '../../../components/ui/query-content';
import { useImports } from '../api/get-imports';
import { hasProcessing } from '../import-summary';
import { ImportsTable } from './imports-table';

const UPLOAD_COMMAND = 'npx escapement upload results.sarif --stage ci --service NAME';

/** Loads the import history a page at a time and keeps it current while an import is processing. */
export function ImportsPanel() {
  const titleId = useId();
  const imports = useImports();

  const body = (
    <QueryContent
      query={imports}
      what="the imports"
      rows={8}
      isEmpty={(data) => data.pages.every((page) => page.items.length === 0)}
      empty={{
        title: 'No imports yet',
        body: (
          <>
            <p>Post the first scanner results from a CI job, one step after the scan:</p>
            <pre className="code">
              <code>{UPLOAD_COMMAND}</code>
            </pre>
            <p className="muted small">
              Add <code>--repo</code> and <code>--commit</code> to tie findings to the code, and <code>--full-scan</code> on the main branch so fixed findings
              are closed. Set <code>ESCAPEMENT_URL</code> and <code>ESCAPEMENT_TOKEN</code> in the job. docs/ci.md has a complete GitHub Actions step.
            </p>
          </>
        ),
      }}
    >
      {(data) => {
        const items = data.pages.flatMap((page) => page.items);
        return (
          <>
            {hasProcessing(data.pages) && (
              <p className="muted small" role="status">
                An import is being stored; this list updates by itself.
              </p>
            )}
            <ImportsTable items={items} />
            {imports.hasNextPage && (
              <div className="pagination">
                <p className="muted small">{items.length} imports shown</p>
                <button type="button" className="button button-quiet" onClick={() => void imports.fetchNextPage()} disabled={imports.isFetchingNextPage}>
                  {imports.isFetchingNextPage ? 'Loading…' : 'Load more'}
                </button>
              </div>
            )}
          </>
        );
      }}
    </QueryContent>
  );

  return (
    <section className="card card-table" aria-labelledby={titleId}>
      <h2 id={titleId} className="visually-hidden">
        Import history
      </h2>
      {body}
    </section>
  );
}
