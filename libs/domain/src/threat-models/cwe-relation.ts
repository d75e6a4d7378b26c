import { isCweDescendantOf } from '../classification/cwe-catalogue';

/**
 * Two CWE ids describe the same weakness for linking when they are equal or one is an ancestor of the
 * other in the Research Concepts tree: a threat naming CWE-74 (injection) covers a CWE-89 finding, and
 * a threat naming CWE-89 is relevant to a finding tagged with the broader CWE-943.
 */
export function cweRelated(a: number, b: number): boolean {
  return a === b || isCweDescendantOf(a, b) || isCweDescendantOf(b, a);
}
