import { cweName } from './cwe-catalogue';

/** "CWE-862 (Missing Authorization)", or just "CWE-862" for an id the catalogue does not hold. */
export function cweLabel(cweId: number): string {
  const name = cweName(cweId);
  return name === undefined ? `CWE-${cweId}` : `CWE-${cweId} (${name})`;
}
