/**
 * Holm's step-down adjustment (Holm 1979, "A simple sequentially rejective multiple test procedure",
 * Scandinavian Journal of Statistics 6:65–70): sort the m p-values, multiply the i-th smallest by (m − i + 1),
 * make the sequence non-decreasing and cap it at 1. Rejecting where the adjusted p < α keeps the chance of any
 * false claim among the m at most α, whatever the dependence between the tests. Null entries (no test) are
 * left null and do not count in m.
 */
export function holmAdjust(pValues: readonly (number | null)[]): (number | null)[] {
  const tested = pValues.map((p, index) => ({ p, index })).filter((e): e is { p: number; index: number } => e.p !== null);
  for (const e of tested) if (!(e.p >= 0 && e.p <= 1)) throw new RangeError(`holmAdjust needs p-values in [0, 1], got ${e.p}`);
  tested.sort((a, b) => a.p - b.p);
  const adjusted: (number | null)[] = pValues.map(() => null);
  let running = 0;
  tested.forEach((e, i) => {
    running = Math.max(running, Math.min(1, (tested.length - i) * e.p));
    adjusted[e.index] = running;
  });
  return adjusted;
}
