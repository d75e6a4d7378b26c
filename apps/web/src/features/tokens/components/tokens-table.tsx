import { Badge } from '../../../components/ui/badge';
import { ConfirmButton } from '../../../components/ui/confirm-button';
import { useRowConfirmation } from '../../../components/ui/use-row-confirmation';
import { FormErrorSummary } from '../../../components/ui/form-field';
import { formatDateTime, formatDay } from '../../../lib/format';
import { useRevokeToken } from '../api/revoke-token';
import type { TokenDto } from '@escapement/domain';

const STATUS_TONES: Record<TokenDto['status'], string> = { active: 'status-completed', expired: 'status-processing', revoked: 'status-failed' };

/** Tokens, live ones first; revoking asks once more, since a CI job using the token fails from then on. */
export function TokensTable({ tokens }: { tokens: readonly TokenDto[] }) {
  const revoke = useRevokeToken();
  const confirmation = useRowConfirmation(revoke);
  const sorted = [...tokens].sort((a, b) => Number(a.status !== 'active') - Number(b.status !== 'active') || b.createdAt.localeCompare(a.createdAt));

  return (
    <>
      <FormErrorSummary messages={revoke.error ? [revoke.error.message] : []} />
      <div className="table-scroll">
        <table className="plain-table" data-testid="tokens-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Prefix</th>
              <th scope="col">Scopes</th>
              <th scope="col">Team</th>
              <th scope="col">Created</th>
              <th scope="col">Expires</th>
              <th scope="col">Last used</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((token) => (
              <tr key={token.id} data-token-id={token.id} data-token-name={token.name}>
                <td>{token.name}</td>
                <td>
                  <code>esc_{token.prefix}_…</code>
                </td>
                <td>
                  <ul className="plain-list">
                    {token.scopes.map((scope) => (
                      <li key={scope}>
                        <code>{scope}</code>
                      </li>
                    ))}
                  </ul>
                </td>
                <td>{token.teamName ?? <span className="muted">Every team</span>}</td>
                <td title={token.createdBy ?? undefined}>{formatDay(token.createdAt)}</td>
                <td>{token.expiresAt ? formatDay(token.expiresAt) : 'Never'}</td>
                <td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : <span className="muted">Never used</span>}</td>
                <td>
                  <Badge tone={STATUS_TONES[token.status]}>
                    {token.status === 'revoked' && token.revokedAt ? `Revoked ${formatDay(token.revokedAt)}` : token.status === 'active' ? 'Active' : 'Expired'}
                  </Badge>
                </td>
                <td>
                  {token.status !== 'revoked' && (
                    <ConfirmButton
                      question={`Revoke ${token.name}?`}
                      warning="Jobs using it fail at once."
                      confirmLabel={`Revoke ${token.name}`}
                      {...confirmation(token.id)}
                    >
                      Revoke
                    </ConfirmButton>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
