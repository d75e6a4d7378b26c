import { sha256Hex } from './sha256';

export interface FingerprintParts {
  tool: string | null;
  ruleId: string | null;
  repo: string | null;
  path: string | null;
  title: string;
  cweIds: readonly number[];
}

/**
 * Identity of a finding that arrived without one: what it is and where, not when or on which line, so
 * the same issue sent again (or moved a few lines) is recognised. The title only counts when there is no
 * rule id, because people reword titles. The one definition every way in uses (posted findings, CSV and
 * JSON files), so a finding imported from a spreadsheet and the same one posted as JSON are one.
 */
export function computeFindingFingerprint(parts: FingerprintParts): string {
  const canonical = JSON.stringify([
    parts.tool?.toLowerCase() ?? '',
    parts.ruleId ?? '',
    parts.repo ?? '',
    parts.path ?? '',
    parts.ruleId ? '' : parts.title.trim().toLowerCase().replace(/\s+/g, ' '),
    [...parts.cweIds].sort((a, b) => a - b),
  ]);
  return `esc1:${sha256Hex(canonical)}`;
}
