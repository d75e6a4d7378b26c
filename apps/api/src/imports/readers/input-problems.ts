import { InputError, type InputProblem } from '@escapement/domain';
import { invalid, type DomainError, type ProblemDetail } from '../../common/domain-error';
import { JsonStreamError } from './json-stream';

/** Enough to fix a file in a few passes; more would only bloat the answer. */
const MAX_PROBLEMS = 100;

/** Gathers a file's problems while reading on, so one answer lists (up to a cap) everything to fix. */
export class InputProblems {
  private readonly items: ProblemDetail[] = [];
  private total = 0;

  add(problem: InputProblem): void {
    this.total += 1;
    if (this.items.length < MAX_PROBLEMS) this.items.push({ ...problem });
  }

  get count(): number {
    return this.total;
  }

  /** Throws when anything was wrong: one upload is all of it or none of it. */
  throwIfAny(what: string): void {
    if (this.total === 0) return;
    throw invalid(`${this.total} problem${this.total === 1 ? '' : 's'} in the ${what}; first ${describe(this.items[0])}`, this.items);
  }
}

function describe(problem: ProblemDetail): string {
  const where = problem.pointer ?? (problem.line ? `line ${problem.line}${problem.column ? `, column ${problem.column}` : ''}` : undefined);
  return where ? `at ${where}: ${problem.message}` : problem.message;
}

/** Parser errors (domain InputError, streaming JSON errors) become 400 problems that say where. */
export function toInputDomainError(error: unknown, what: string): DomainError | null {
  if (error instanceof InputError) {
    const problems = new InputProblems();
    for (const p of error.problems) problems.add(p);
    try {
      problems.throwIfAny(what);
    } catch (domainError) {
      return domainError as DomainError;
    }
    return invalid(error.message);
  }
  if (error instanceof JsonStreamError) {
    return invalid(`The ${what} is not valid: ${error.message}`, [{ message: error.message, line: error.line, column: error.column, pointer: error.pointer || undefined }]);
  }
  return null;
}
