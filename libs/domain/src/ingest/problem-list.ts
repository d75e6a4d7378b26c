import { describeProblem, InputError, type InputProblem } from './parsed-finding';

/** Enough to fix a file in a few passes; more would only make the error response huge. */
export const MAX_REPORTED_PROBLEMS = 100;

/**
 * Collects the problems of one input up to the cap while still counting them all, so the summary can
 * say how many there were.
 */
export class ProblemList {
  readonly items: InputProblem[] = [];
  private total = 0;

  get count(): number {
    return this.total;
  }

  add(problem: InputProblem): void {
    this.total++;
    if (this.items.length < MAX_REPORTED_PROBLEMS) this.items.push(problem);
  }

  at(pointer: string, message: string): void {
    this.add({ pointer, message });
  }

  addAll(problems: readonly InputProblem[]): void {
    for (const problem of problems) this.add(problem);
  }

  /** Throws an InputError naming the input (e.g. "the SARIF log") when anything was collected. */
  throwIfAny(inputName: string): void {
    if (this.total === 0) return;
    const count = this.total === 1 ? '1 problem' : `${this.total} problems`;
    const listed = this.total > this.items.length ? ` (the first ${this.items.length} are listed)` : '';
    throw new InputError(`${count} in ${inputName}${listed}; first: ${describeProblem(this.items[0])}`, this.items);
  }
}

/** "1 rule", "3 rules": counts in problem messages read as English. */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}
