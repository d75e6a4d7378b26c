/** The shape of a table while its rows load, so the page does not jump when they arrive. */
export function TableSkeleton({ label, rows = 8, testId = 'state-loading' }: { label: string; rows?: number; testId?: string }) {
  return (
    <div className="table-skeleton" role="status" aria-live="polite" aria-busy="true" data-testid={testId}>
      <span className="visually-hidden">{label}</span>
      <div className="skeleton skeleton-row skeleton-row-head" />
      {Array.from({ length: rows }, (_, index) => (
        <div key={index} className="skeleton skeleton-row" />
      ))}
    </div>
  );
}
