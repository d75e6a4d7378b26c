/** The place of a detail page while it loads: a title and the cards beneath it. */
export function DetailSkeleton({ label, cards = 1 }: { label: string; cards?: number }) {
  return (
    <div className="detail-skeleton" role="status" aria-busy="true" data-testid="state-loading">
      <span className="visually-hidden">{label}</span>
      <div className="skeleton skeleton-title" />
      {Array.from({ length: cards }, (_, i) => (
        <div key={i} className="skeleton skeleton-card" />
      ))}
    </div>
  );
}
