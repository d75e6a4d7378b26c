/** How many findings of a group escaped, out of how many. The unit every comparison of escape rates takes. */
export interface EscapeCounts {
  escaped: number;
  total: number;
}

/** Throws a RangeError unless 0 <= x <= n are integers: counts, not rates, are what the maths needs. */
export function assertCounts(functionName: string, x: number, n: number): void {
  if (!Number.isInteger(x) || !Number.isInteger(n) || x < 0 || n < 0 || x > n) {
    throw new RangeError(`${functionName} needs integer counts 0 <= x <= n, got ${x}/${n}`);
  }
}

/** Throws a RangeError unless every value is a non-negative integer (the cells of a 2×2 table). */
export function assertCells(functionName: string, ...cells: number[]): void {
  for (const cell of cells) {
    if (!Number.isInteger(cell) || cell < 0) throw new RangeError(`${functionName} needs non-negative integer counts, got ${cells.join(', ')}`);
  }
}

/** Throws a RangeError unless 0 < value < 1 (a significance level, a power, a confidence level). */
export function assertOpenUnit(functionName: string, name: string, value: number): void {
  if (!(value > 0 && value < 1)) throw new RangeError(`${functionName} needs 0 < ${name} < 1, got ${value}`);
}
