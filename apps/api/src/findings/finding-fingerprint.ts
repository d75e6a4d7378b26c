import { createHash } from 'node:crypto';

/**
 * Identity of a finding that arrived without one: what it is and where, not when or on which line,
 * so that the same issue posted again (or moved a few lines) is recognised.
 */
export function computeFingerprint(parts: { tool: string | null; ruleId: string | null; repo: string | null; path: string | null; title: string; cweIds: number[] }): string {
  const canonical = JSON.stringify([
    parts.tool?.toLowerCase() ?? '',
    parts.ruleId ?? '',
    parts.repo ?? '',
    parts.path ?? '',
    parts.ruleId ? '' : parts.title.trim().toLowerCase().replace(/\s+/g, ' '),
    [...parts.cweIds].sort((a, b) => a - b),
  ]);
  return `esc1:${createHash('sha256').update(canonical).digest('hex')}`;
}
