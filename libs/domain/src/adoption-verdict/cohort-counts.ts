import { isEscape, type DetectionStage } from '../model/detection-stage';
import { dayNumber } from './follow-up-horizon';
import type { CohortCount, VerdictFinding } from './verdict-input';

/** Which date places a finding in a cohort: its introduction (primary) or its first detection (sensitivity). */
export type CohortDating = 'introduction' | 'detection';

/**
 * Counts per unit × class × cohort day with a fixed follow-up horizon H: a finding counts only when it was
 * first detected within H days of its cohort date, and it escaped when that first detection was at or after
 * the boundary. Both the denominator and the numerator stop at H, so an old cohort (with years of
 * follow-up) and a young one (with just H days) are measured alike — otherwise the before window, always
 * older, collects late escapes and late findings that the after window has not had time to produce.
 *
 * With `dating = 'detection'` every finding is dated by its first detection, as if no introduction date were
 * known (then every delay is 0): the sensitivity analysis.
 */
export function countCohorts(findings: readonly VerdictFinding[], boundary: DetectionStage, horizonDays: number, dating: CohortDating = 'introduction'): CohortCount[] {
  // Cells in the order they are first met, found through one map per unit and class: a key string built per
  // finding cost more than the counting at hundreds of thousands of rows.
  const cells: CohortCount[] = [];
  const byUnit = new Map<string, Map<string, Map<string, CohortCount>>>();
  for (const f of findings) {
    const cohortDate = dating === 'detection' ? f.firstDetectedAt.slice(0, 10) : f.cohortDate.slice(0, 10);
    const delay = dayNumber(f.firstDetectedAt) - dayNumber(cohortDate);
    if (delay > horizonDays) continue;
    let byClass = byUnit.get(f.unit);
    if (!byClass) byUnit.set(f.unit, (byClass = new Map()));
    let byDay = byClass.get(f.findingClass);
    if (!byDay) byClass.set(f.findingClass, (byDay = new Map()));
    let cell = byDay.get(cohortDate);
    if (!cell) {
      cell = { unit: f.unit, findingClass: f.findingClass, cohortDate, total: 0, escaped: 0, fallback: 0 };
      byDay.set(cohortDate, cell);
      cells.push(cell);
    }
    const count = f.count ?? 1;
    cell.total += count;
    if (isEscape(f.firstStage, boundary)) cell.escaped += count;
    if (dating === 'detection' || f.cohortDateIsFallback) cell.fallback += count;
  }
  return cells;
}
