import type { DetectionStage } from '../model/detection-stage';
import type { ImportWarning } from './import-warning';
import type { FindingStatus, Severity, SourceKind } from '../model/finding';

/**
 * One finding as read from an uploaded file, before the caller applies its defaults (service, source
 * kind, stage, detection time). Every parser (SARIF, CSV, JSON) produces this one shape, so the import
 * path after parsing does not care where a finding came from.
 */
export interface ParsedFinding {
  tool: string | null;
  ruleId: string | null;
  title: string;
  severity: Severity;
  /** Sorted and unique. */
  cweIds: number[];
  /** Null when the input does not say; for SARIF the caller decides, e.g. with `guessSourceKind`. */
  sourceKind: SourceKind | null;
  location: { repo: string | null; path: string | null; line: number | null };
  /** Always set: taken from the input, or computed from what the finding is and where (never its line). */
  fingerprint: string;
  /** SARIF: the result carries an accepted suppression. Other formats say so through `status`. */
  suppressed: boolean;
  /** ISO 8601 in UTC, when the input has them. */
  detectedAt: string | null;
  introducedAt: string | null;
  /** The commit that introduced the flaw, lowercase hexadecimal, when the input says. */
  introducedCommit: string | null;
  status: FindingStatus | null;
  stage: DetectionStage | null;
  service: string | null;
  /** Text inputs: the line of the input the finding was read from (a CSV row's first line). */
  inputLine?: number;
  /** What the parser accepted but read differently from how it was written (absent when nothing was). */
  warnings?: ImportWarning[];
}

/** Where an input is wrong: a JSON pointer for JSON inputs, a 1-based line and column for text ones. */
export interface InputProblem {
  message: string;
  pointer?: string;
  line?: number;
  column?: number;
}

/** A rejected input, with every problem found (up to a cap) so a person can fix them in one pass. */
export class InputError extends Error {
  override readonly name = 'InputError';

  constructor(
    message: string,
    readonly problems: InputProblem[],
  ) {
    super(message);
  }
}

/** One line for logs and error summaries: the pointer (when there is one) before the message. */
export function describeProblem(problem: InputProblem): string {
  return problem.pointer === undefined ? problem.message : `${problem.pointer}: ${problem.message}`;
}
