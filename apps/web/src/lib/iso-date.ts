/** Whether a string is a real calendar date written as YYYY-MM-DD, as dates travel in URLs and the API. */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  // Rejects 2025-02-30, which Date would silently roll over into March.
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/**
 * Whether a date input's value should become a filter. Typing a year digit by digit passes through
 * valid but absurd dates (0002-06-01, 0020-06-01, …); committing each would push history entries and
 * fire requests for year 2.
 */
export function isPlausibleFilterDate(value: string): boolean {
  return isIsoDate(value) && value >= '1970-01-01';
}
