import { eventWindow, QUARTER_DAYS, type StackedDesign, type UnitPanel } from './stacked-design';

/**
 * The randomisation test's statistics for one labelling: the stacked estimate and the pre-trend statistic,
 * exactly as `stackedEstimate(panel, design, labels, false)?.estimate ?? null` and
 * `preTrendStatistic(eventStudy(panel, design, labels, false))` compute them, but thousands of times faster
 * per labelling where it matters.
 *
 * Relabelling moves units between arms; it never moves the windows, which belong to the adoption profiles.
 * So each unit's counts in every window of every profile (before, after, the reference quarter and each
 * event-study quarter) are summed once, and a labelling only adds those up per arm: no window lookups, no
 * allocation, in typed arrays. The sums are of whole numbers, hence exact in any order, and the estimates are
 * then formed in the same order with the same operations, so the figures are identical to the bit.
 */
export function relabelledStatistics(panel: UnitPanel, design: StackedDesign): (labels: Int32Array) => [number | null, number | null] {
  const quarters = Math.floor(design.windowDays / QUARTER_DAYS);
  const unitCount = design.units.length;
  const events = design.profiles.flatMap((profile, g) => {
    const window = eventWindow(design, profile);
    if (window === null) return [];
    const s = profile.start;
    // Windows: 0 before, 1 after, 2 the reference quarter, then the event-study quarters inside the window.
    const windows: [number, number][] = [
      [s - window, s],
      [s, s + window],
      [s - QUARTER_DAYS, s],
    ];
    const quarterWindow: number[] = [];
    for (let k = -quarters; k < quarters; k++) {
      const from = s + k * QUARTER_DAYS;
      const to = from + QUARTER_DAYS;
      if (k === -1 || from < s - window || to > s + window) {
        quarterWindow.push(-1);
        continue;
      }
      quarterWindow.push(windows.length);
      windows.push([from, to]);
    }
    const width = windows.length;
    // counts[(u * width + j) * 2]: unit u's findings in window j; the next slot its escapes.
    const counts = new Float64Array(unitCount * width * 2);
    const sum = { total: 0, escaped: 0, fallback: 0 };
    for (let u = 0; u < unitCount; u++) {
      windows.forEach(([from, to], j) => {
        sum.total = 0;
        sum.escaped = 0;
        panel.addWindow([u], from, to, sum);
        counts[(u * width + j) * 2] = sum.total;
        counts[(u * width + j) * 2 + 1] = sum.escaped;
      });
    }
    // Labels whose units are clean controls of this event: never adopting, or adopting after its window.
    const controlLabel = (label: number) => label === -1 || design.profiles[label].start >= s + window;
    return [{ group: g, width, counts, quarterWindow, controlLabel }];
  });
  const maxWidth = Math.max(0, ...events.map((e) => e.width));
  const treated = events.map(() => new Float64Array(maxWidth * 2));
  const controls = events.map(() => new Float64Array(maxWidth * 2));
  const hasTreated = new Uint8Array(events.length);
  const isControl = events.map((e) => design.profiles.map((_, label) => e.controlLabel(label)));

  return (labels) => {
    events.forEach((e, i) => {
      const t = treated[i];
      const c = controls[i];
      t.fill(0);
      c.fill(0);
      hasTreated[i] = 0;
      const span = e.width * 2;
      for (let u = 0; u < unitCount; u++) {
        const label = labels[u];
        let into: Float64Array;
        if (label === e.group) {
          into = t;
          hasTreated[i] = 1;
        } else if (label === -1 || isControl[i][label]) into = c;
        else continue;
        const base = u * span;
        for (let k = 0; k < span; k++) into[k] += e.counts[base + k];
      }
    });
    return [estimate(0, 1, null), preTrend()];
  };

  /**
   * Weighted mean over events of the difference in differences from window `before` to window `after` (or, for
   * an event-study quarter, to that quarter's window), weighted by the adopters' findings in both.
   */
  function estimate(before: number, after: number, quarter: number | null): number | null {
    let weightSum = 0;
    let weighted = 0;
    for (let i = 0; i < events.length; i++) {
      if (!hasTreated[i]) continue;
      const b = before * 2;
      let a = after;
      if (quarter !== null) {
        a = events[i].quarterWindow[quarter];
        if (a === -1) continue;
      }
      const t = treated[i];
      const c = controls[i];
      a *= 2;
      const tbT = t[b], tbE = t[b + 1], taT = t[a], taE = t[a + 1];
      const cbT = c[b], cbE = c[b + 1], caT = c[a], caE = c[a + 1];
      if (tbT === 0 || taT === 0 || cbT === 0 || caT === 0) continue;
      const did = taE / taT - tbE / tbT - (caE / caT - cbE / cbT);
      const weight = tbT + taT;
      weightSum += weight;
      weighted += weight * did;
    }
    return weightSum === 0 ? null : weighted / weightSum;
  }

  /** Sum of squared event-study estimates of the quarters before the reference one (null if none has one). */
  function preTrend(): number | null {
    let statistic = 0;
    let any = false;
    for (let k = -quarters; k < -1; k++) {
      const point = estimate(2, -1, k + quarters);
      if (point === null) continue;
      statistic += point ** 2;
      any = true;
    }
    return any ? statistic : null;
  }
}
