import type { EscapeRateResponse } from '@escapement/domain';

/** Axis tops in percent, each with a step that gives four to six readable ticks. */
const AXIS_STEPS: ReadonlyArray<[top: number, step: number]> = [
  [5, 1],
  [10, 2],
  [20, 5],
  [25, 5],
  [40, 10],
  [50, 10],
  [60, 10],
  [80, 20],
  [100, 20],
];

export interface RateAxis {
  /** Fractions 0..1. */
  max: number;
  ticks: number[];
}

/**
 * The Y axis for rates: from 0 up to the smallest round percentage that holds every rate and interval.
 * Production escape rates sit at a few percent and CI rates near half, so a fixed 0–100% axis would
 * flatten one or the other.
 */
export function rateAxis(response: EscapeRateResponse): RateAxis {
  let highest = 0;
  for (const series of response.series) {
    for (const point of series.points) {
      if (point.total > 0) highest = Math.max(highest, point.ciHigh ?? 0, point.rate ?? 0);
    }
  }
  const percent = highest * 100;
  const [top, step] = AXIS_STEPS.find(([candidate]) => candidate >= percent - 1e-9) ?? [100, 20];
  const ticks: number[] = [];
  // Integer percent steps avoid 0.1 + 0.2 style drift in the tick values.
  for (let tick = 0; tick <= top; tick += step) ticks.push(tick / 100);
  return { max: top / 100, ticks };
}

/** Most ticks the X axis labels one by one; beyond that it labels every n-th period. */
export const MAX_LABELLED_PERIODS = 24;

/** Recharts' `interval`: how many ticks to skip between two labelled ones. */
export function periodTickInterval(periodCount: number): number {
  return periodCount <= MAX_LABELLED_PERIODS ? 0 : Math.ceil(periodCount / (MAX_LABELLED_PERIODS / 2)) - 1;
}
