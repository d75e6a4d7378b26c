interface FindingsPaginationProps {
  /** Null when the page was opened from a link and its number is not known. */
  page: number | null;
  rowCount: number;
  hasPrevious: boolean;
  nextCursor: string | null;
  onPrevious: () => void;
  onNext: (cursor: string) => void;
  busy: boolean;
}

/**
 * Previous and Next over keyset pages. There is no total: counting millions of findings for a page
 * label would cost more than the page itself.
 */
export function FindingsPagination({ page, rowCount, hasPrevious, nextCursor, onPrevious, onNext, busy }: FindingsPaginationProps) {
  return (
    <nav className="pagination" aria-label="Pages of findings">
      <p className="muted small" aria-live="polite">
        {page !== null ? `Page ${page} · ` : ''}
        {rowCount} {rowCount === 1 ? 'finding' : 'findings'} on this page
      </p>
      <div className="pagination-buttons">
        <button type="button" className="button button-quiet" onClick={onPrevious} disabled={!hasPrevious || busy}>
          {hasPrevious && page === null ? 'First page' : 'Previous'}
        </button>
        <button type="button" className="button button-quiet" onClick={() => nextCursor && onNext(nextCursor)} disabled={nextCursor === null || busy}>
          Next
        </button>
      </div>
    </nav>
  );
}
