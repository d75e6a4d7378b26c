/** A commit id as git prints it: 4 to 64 hexadecimal digits (abbreviated, SHA-1 or SHA-256). */
export const COMMIT_ID_PATTERN = /^[0-9a-fA-F]{4,64}$/;

/** The commit id in its stored form (lowercase), or null when the text is not one. */
export function parseCommitId(text: string): string | null {
  const trimmed = text.trim();
  return COMMIT_ID_PATTERN.test(trimmed) ? trimmed.toLowerCase() : null;
}
