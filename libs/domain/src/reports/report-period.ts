/** A report's period: `from` inclusive, `to` exclusive, both YYYY-MM-DD (UTC days). */
export interface ReportPeriod {
  from: string;
  to: string;
  label: string;
}

const QUARTER = /^(\d{4})-Q([1-4])$/;
const DAY = 86_400_000;

const iso = (date: Date) => date.toISOString().slice(0, 10);

/** "2026-Q3" as a period: 2026-07-01 to 2026-10-01; null when the text is not a quarter. */
export function quarterPeriod(text: string): ReportPeriod | null {
  const match = QUARTER.exec(text.trim());
  if (!match) return null;
  const year = Number(match[1]);
  const quarter = Number(match[2]);
  return { from: iso(new Date(Date.UTC(year, (quarter - 1) * 3, 1))), to: iso(new Date(Date.UTC(year, quarter * 3, 1))), label: `${year}-Q${quarter}` };
}

/** The last quarter that has ended by `now`: what a quarterly review looks at. */
export function lastCompleteQuarter(now: Date): ReportPeriod {
  const quarterIndex = Math.floor(now.getUTCMonth() / 3);
  const year = quarterIndex === 0 ? now.getUTCFullYear() - 1 : now.getUTCFullYear();
  return quarterPeriod(`${year}-Q${quarterIndex === 0 ? 4 : quarterIndex}`)!;
}

/** A period given by its dates, labelled as a quarter when it is one. */
export function datedPeriod(from: string, to: string): ReportPeriod {
  const start = new Date(`${from}T00:00:00Z`);
  const quarter = quarterPeriod(`${start.getUTCFullYear()}-Q${Math.floor(start.getUTCMonth() / 3) + 1}`)!;
  if (quarter.from === from && quarter.to === to) return quarter;
  const last = iso(new Date(Date.parse(`${to}T00:00:00Z`) - DAY));
  return { from, to, label: `${from} to ${last}` };
}

/**
 * The period the report compares with: the quarter before a quarter, otherwise the same number of days
 * just before.
 */
export function previousPeriod(period: ReportPeriod): ReportPeriod {
  const quarter = QUARTER.exec(period.label);
  if (quarter) {
    const year = Number(quarter[1]);
    const q = Number(quarter[2]);
    return quarterPeriod(q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`)!;
  }
  const days = Math.round((Date.parse(`${period.to}T00:00:00Z`) - Date.parse(`${period.from}T00:00:00Z`)) / DAY);
  return datedPeriod(iso(new Date(Date.parse(`${period.from}T00:00:00Z`) - days * DAY)), period.from);
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** "2026-11" as a period: 2026-11-01 to 2026-12-01; null when the text is not a month. */
export function monthPeriod(text: string): ReportPeriod | null {
  const match = MONTH.exec(text.trim());
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  return { from: iso(new Date(Date.UTC(year, month - 1, 1))), to: iso(new Date(Date.UTC(year, month, 1))), label: `${year}-${match[2]}` };
}

export const REPORT_CADENCES = ['monthly', 'quarterly'] as const;
export type ReportCadence = (typeof REPORT_CADENCES)[number];

/**
 * The period a scheduled report covers when it runs at `now`: the last complete month or quarter, keyed
 * "2026-11" or "2026-Q3" (each schedule produces one report per key).
 */
export function lastCompletePeriod(cadence: ReportCadence, now: Date): ReportPeriod {
  if (cadence === 'quarterly') return lastCompleteQuarter(now);
  const month = now.getUTCMonth();
  const year = month === 0 ? now.getUTCFullYear() - 1 : now.getUTCFullYear();
  return monthPeriod(`${year}-${String(month === 0 ? 12 : month).padStart(2, '0')}`)!;
}

/** A period key of the schedule's cadence ("2026-11" monthly, "2026-Q3" quarterly); null when it is not one. */
export function cadencePeriod(cadence: ReportCadence, key: string): ReportPeriod | null {
  return cadence === 'quarterly' ? quarterPeriod(key) : monthPeriod(key);
}
