/** The API's bounds for a CWE id; real ids are in the low thousands. */
const MAX_CWE_ID = 100_000;

export function isCweId(value: number): boolean {
  return Number.isInteger(value) && value >= 1 && value <= MAX_CWE_ID;
}

/** Sorted and unique, the order ParsedFinding promises. */
export function sortedCweIds(ids: Iterable<number>): number[] {
  return [...new Set(ids)].sort((a, b) => a - b);
}

/** "CWE-89", "cwe_89", "CWE:89", "CWE 89", "external/cwe/cwe-089", "CWE-89: SQL Injection" … */
const CWE_MENTION = /\bcwe[\s:_-]*0*(\d{1,6})(?!\d)/gi;

/**
 * Every CWE id named in a free-form tag or property value. Only explicit "CWE-n" mentions count:
 * a bare number in a tag could be anything.
 */
export function cweIdsInText(text: string): number[] {
  const ids: number[] = [];
  for (const match of text.matchAll(CWE_MENTION)) {
    const id = Number(match[1]);
    if (isCweId(id)) ids.push(id);
  }
  return ids;
}

/**
 * CWE ids from a value that is *known* to hold CWE ids (a `cwe` property): numbers, "89", "79, 89",
 * "CWE-79", or arrays of those. Anything else yields nothing: tools put odd things in property bags.
 */
export function cweIdsInValue(value: unknown): number[] {
  if (typeof value === 'number') return isCweId(value) ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(cweIdsInValue);
  if (typeof value !== 'string') return [];
  const named = cweIdsInText(value);
  if (named.length > 0) return named;
  if (!/^[\d\s,;]+$/.test(value)) return [];
  return value
    .split(/[\s,;]+/)
    .filter((part) => part !== '')
    .map(Number)
    .filter(isCweId);
}
