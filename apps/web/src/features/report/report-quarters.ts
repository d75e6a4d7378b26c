import { lastCompleteQuarter, previousPeriod } from '@escapement/domain';

/** The quarters a report can be asked for: the last complete one first, then the `count − 1` before it. */
export function recentQuarters(now: Date, count = 8): string[] {
  const quarters: string[] = [];
  let period = lastCompleteQuarter(now);
  for (let i = 0; i < count; i++) {
    quarters.push(period.label);
    period = previousPeriod(period);
  }
  return quarters;
}

/** The SVG path of one trend series: x by period index, y by rate (0 at the bottom, `ceiling` at the top). */
export function trendPath(points: readonly { rate: number | null }[], width: number, height: number, ceiling: number): string {
  const step = points.length > 1 ? width / (points.length - 1) : 0;
  let path = '';
  let pen = false;
  points.forEach((point, index) => {
    if (point.rate === null) {
      pen = false;
      return;
    }
    const x = (index * step).toFixed(1);
    const y = (height - (Math.min(point.rate, ceiling) / ceiling) * height).toFixed(1);
    path += `${pen ? 'L' : 'M'}${x},${y}`;
    pen = true;
  });
  return path;
}
