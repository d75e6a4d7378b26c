/**
 * The actions people filter by, grouped as the API records them; a prefix ending in * takes a whole
 * group. The list is a convenience: any action typed into the URL works too.
 */
export const ACTION_FILTERS = [
  { value: 'auth.*', label: 'Sign-ins and sign-outs' },
  { value: 'auth.login_failed', label: 'Failed sign-ins' },
  { value: 'user.*', label: 'Account changes' },
  { value: 'token.*', label: 'API tokens' },
  { value: 'import.completed', label: 'Imports' },
  { value: 'threat_model.imported', label: 'Threat-model uploads' },
  { value: 'finding.*', label: 'Decisions on findings' },
  { value: 'classification_rule.*', label: 'Classification rules' },
] as const;

/** The API's rule for the action filter; a hand-edited URL with anything else shows every event. */
export function parseActionFilter(value: string | null): string | null {
  const trimmed = value?.trim() ?? '';
  return /^[a-z_.-]+\*?$/.test(trimmed) && trimmed.length <= 100 ? trimmed : null;
}

/** The details of an event in one short line, secrets never being among them: `key: value` pairs. */
export function detailsSummary(details: Record<string, unknown>, maxLength = 160): string {
  const parts = Object.entries(details)
    .filter(([, value]) => value !== null && value !== undefined && value !== '')
    .map(([key, value]) => `${key}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`);
  const line = parts.join(', ');
  return line.length > maxLength ? `${line.slice(0, maxLength - 1)}…` : line;
}
