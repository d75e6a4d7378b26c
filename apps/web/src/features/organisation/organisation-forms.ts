/** What a person types into the team and service forms, checked before it is sent. */

export interface ServiceDraft {
  name: string;
  teamId: string;
  /** One pattern a line, as typed. */
  patterns: string;
}

export type ServiceField = 'name' | 'teamId' | 'patterns';

/** The API's limits, so that the form says at once what the API would refuse. */
const NAME_MAX = 200;
const PATTERN_MAX = 500;
const PATTERNS_MAX = 100;

/**
 * Repository patterns from the textarea: one per line (commas also separate, as people paste lists),
 * trimmed, blanks and repeats dropped, in the order typed.
 */
export function parseRepositoryPatterns(text: string): string[] {
  const seen = new Set<string>();
  for (const part of text.split(/[\n,]/)) {
    const pattern = part.trim();
    if (pattern !== '') seen.add(pattern);
  }
  return [...seen];
}

export function nameProblem(name: string, what: 'team' | 'service'): string | null {
  if (name.trim() === '') return `Give the ${what} a name.`;
  if (name.trim().length > NAME_MAX) return `Keep the name to ${NAME_MAX} characters.`;
  return null;
}

/** A name already in the list, compared as people read names: case and surrounding spaces aside. */
export function isTaken(name: string, existing: readonly { name: string }[]): boolean {
  const wanted = name.trim().toLowerCase();
  return existing.some((item) => item.name.trim().toLowerCase() === wanted);
}

export function validateService(draft: ServiceDraft, existing: readonly { name: string }[]): Partial<Record<ServiceField, string>> {
  const errors: Partial<Record<ServiceField, string>> = {};
  const name = nameProblem(draft.name, 'service') ?? (isTaken(draft.name, existing) ? 'A service of this name exists already.' : null);
  if (name) errors.name = name;
  const patterns = parseRepositoryPatterns(draft.patterns);
  if (patterns.length > PATTERNS_MAX) errors.patterns = `Give at most ${PATTERNS_MAX} patterns.`;
  else if (patterns.some((pattern) => pattern.length > PATTERN_MAX)) errors.patterns = `Keep each pattern to ${PATTERN_MAX} characters.`;
  return errors;
}

/** The request body: optional fields left out rather than sent empty. */
export function serviceRequest(draft: ServiceDraft): { name: string; teamId?: string; repositoryPatterns?: string[] } {
  const patterns = parseRepositoryPatterns(draft.patterns);
  return {
    name: draft.name.trim(),
    ...(draft.teamId ? { teamId: draft.teamId } : {}),
    ...(patterns.length ? { repositoryPatterns: patterns } : {}),
  };
}
