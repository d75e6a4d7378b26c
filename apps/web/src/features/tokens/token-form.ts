import { TOKEN_SCOPES, type TokenScope } from '@escapement/domain';
import { isIsoDate } from '../../lib/iso-date';

export const SCOPE_LABELS: Record<TokenScope, { label: string; hint: string }> = {
  'findings:write': { label: 'Upload findings', hint: 'CI jobs posting scanner results (SARIF, JSON, CSV).' },
  'threat-models:write': { label: 'Upload threat models', hint: 'Jobs publishing a new threat-model version.' },
  read: { label: 'Read', hint: 'Everything a viewer sees: findings, metrics, models.' },
  'context:read': { label: 'Threat context', hint: 'Developers and their assistants (CLI, MCP): context packs, criteria, review checklists.' },
  export: { label: 'Export', hint: 'Reports for managers, as they arrive.' },
  'metrics:read': { label: 'Operations metrics', hint: 'Prometheus scraping the server’s own metrics (requests, imports, database pool); no findings data.' },
  admin: { label: 'Administer', hint: 'Everything an administrator can do. Cannot be limited to a team.' },
};

/** Lifetimes offered; 90 days is the server's own default, so choosing it sends nothing. */
export const EXPIRY_CHOICES = [
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
  { value: '365', label: '1 year' },
  { value: 'date', label: 'On a date' },
  { value: 'never', label: 'Never' },
] as const;

export type ExpiryChoice = (typeof EXPIRY_CHOICES)[number]['value'];

export interface TokenDraft {
  name: string;
  scopes: TokenScope[];
  teamId: string;
  expiry: ExpiryChoice;
  /** YYYY-MM-DD, when `expiry` is 'date'. */
  expiresOn: string;
}

export type TokenField = 'name' | 'scopes' | 'teamId' | 'expiresOn';

export const EMPTY_TOKEN_DRAFT: TokenDraft = { name: '', scopes: [], teamId: '', expiry: '90', expiresOn: '' };

/** The API's rule for names: they appear in the audit log. */
const NAME = /^[\w.:@-][\w .:@-]*$/;

export function validateToken(draft: TokenDraft, today: string, liveNames: readonly string[]): Partial<Record<TokenField, string>> {
  const errors: Partial<Record<TokenField, string>> = {};
  const name = draft.name.trim();
  if (name === '') errors.name = 'Name the token after what uses it, e.g. ci-payments.';
  else if (name.length > 100) errors.name = 'Keep the name to 100 characters.';
  else if (!NAME.test(name)) errors.name = 'Use letters, digits, spaces and . : @ _ - only.';
  else if (liveNames.includes(name)) errors.name = 'A live token has this name already; the audit log tells tokens apart by name.';
  if (draft.scopes.length === 0) errors.scopes = 'Choose at least one scope.';
  if (draft.teamId !== '' && draft.scopes.includes('admin')) errors.teamId = 'An administering token cannot be limited to a team.';
  if (draft.expiry === 'date') {
    if (!isIsoDate(draft.expiresOn)) errors.expiresOn = 'Give the expiry date.';
    else if (draft.expiresOn <= today) errors.expiresOn = 'Choose a date after today.';
  }
  return errors;
}

export interface CreateTokenBody {
  name: string;
  scopes: TokenScope[];
  teamId?: string;
  /** Absent: the server's 90 days; null: never. */
  expiresAt?: string | null;
}

/** The request body. Scopes go in the API's order, whatever order they were ticked in. */
export function tokenRequest(draft: TokenDraft, now: Date): CreateTokenBody {
  const body: CreateTokenBody = { name: draft.name.trim(), scopes: TOKEN_SCOPES.filter((scope) => draft.scopes.includes(scope)) };
  if (draft.teamId) body.teamId = draft.teamId;
  if (draft.expiry === 'never') body.expiresAt = null;
  else if (draft.expiry === 'date') body.expiresAt = `${draft.expiresOn}T00:00:00.000Z`;
  else if (draft.expiry !== '90') body.expiresAt = new Date(now.getTime() + Number(draft.expiry) * 86_400_000).toISOString();
  return body;
}

export function toggleScope(scopes: readonly TokenScope[], scope: TokenScope, on: boolean): TokenScope[] {
  return on ? [...new Set([...scopes, scope])] : scopes.filter((candidate) => candidate !== scope);
}
