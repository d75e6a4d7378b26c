import type { TeamDto } from '@escapement/domain';
import { useId } from 'react';
import { QueryContent } from '../../../components/ui/query-content';
import { useTokens } from '../api/get-tokens';
import { TokenForm } from './token-form';
import { TokensTable } from './tokens-table';

/** Machine tokens for CI jobs and scripts: the list, and a form that shows a new token's secret once. */
export function TokensPanel({ teams }: { teams: readonly TeamDto[] }) {
  const listTitle = useId();
  const formTitle = useId();
  const tokens = useTokens();
  const liveNames = (tokens.data ?? []).filter((token) => token.status === 'active').map((token) => token.name);
  return (
    <div className="settings-grid">
      <section className="card" aria-labelledby={listTitle}>
        <h2 id={listTitle}>API tokens</h2>
        <QueryContent
          query={tokens}
          what="the tokens"
          empty={{ title: 'No tokens yet', body: <p>Create one for each CI pipeline that uploads findings, with the findings:write scope.</p> }}
        >
          {(items) => <TokensTable tokens={items} />}
        </QueryContent>
      </section>
      <section className="card" aria-labelledby={formTitle}>
        <h2 id={formTitle}>New token</h2>
        <TokenForm teams={teams} liveNames={liveNames} />
      </section>
    </div>
  );
}
