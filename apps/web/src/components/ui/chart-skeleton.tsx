/** The shape of a chart while its data loads, so the page does not jump when the chart arrives. */
export function ChartSkeleton({ label, testId }: { label: string; testId: string }) {
  return (
    <div className="chart-skeleton" role="status" aria-live="polite" aria-busy="true" data-testid={testId}>
      <span className="visually-hidden">{label}</span>
      <div className="skeleton skeleton-legend" />
      <div className="skeleton skeleton-plot" />
    </div>
  );
}
