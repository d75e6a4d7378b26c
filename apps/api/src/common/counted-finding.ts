import { UNCOUNTED_STATUSES } from '@escapement/domain';

const UNCOUNTED_LIST = UNCOUNTED_STATUSES.map((status) => `'${status}'`).join(', ');

/**
 * The SQL condition "the finding under `alias` counts in rates": suppressed and false-positive findings
 * are kept but never counted. Built from the domain's UNCOUNTED_STATUSES, so every repository that
 * counts findings applies the same rule.
 */
export function countedFinding(alias: string): string {
  return `${alias}.status NOT IN (${UNCOUNTED_LIST})`;
}
