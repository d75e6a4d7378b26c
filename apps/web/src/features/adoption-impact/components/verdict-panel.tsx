import type { UseQueryResult } from '@tanstack/react-query';
import { ChartSkeleton } from '../../../components/ui/chart-skeleton';
import { QueryErrorState } from '../../../components/ui/query-error-state';
import { StateMessage } from '../../../components/ui/state-message';
import { ApiError } from '../../../lib/api-client';
import { formatDate } from '../../../lib/format';
import { useAdoptionImpact, type AdoptionImpactParams } from '../api/get-adoption-impact';
import { usePracticeImpact, type PracticeImpactParams } from '../api/get-practice-impact';
import type { AdoptionVerdictResponse } from '@escapement/domain';
import { VerdictCard } from './verdict-card';

/** The verdict of one adoption: the headline of the page. */
export function AdoptionVerdictPanel(params: AdoptionImpactParams) {
  const impact = useAdoptionImpact(params);
  return (
    <VerdictState query={impact} what="the adoption's verdict">
      {(data) => {
        const a = data.adoption;
        const who = a.team ?? a.service ?? 'Unknown';
        const retired = a.retiredAt ? `, retired ${formatDate(a.retiredAt)}` : '';
        return <VerdictCard verdict={data.verdict} subject={`${who} adopting ${a.practice} on ${formatDate(a.startedAt)}${retired}`} />;
      }}
    </VerdictState>
  );
}

/** Every adoption of the practice, analysed together: the organisation's question. */
export function PracticeVerdictPanel(params: PracticeImpactParams) {
  const impact = usePracticeImpact(params);
  return (
    <VerdictState query={impact} what="the practice's verdict">
      {(data) => (
        <VerdictCard
          verdict={data.verdict}
          subject={`every adoption of ${data.practice}, pooled (${data.verdict.adoptions.length} ${data.verdict.adoptions.length === 1 ? 'adoption' : 'adoptions'})`}
        />
      )}
    </VerdictState>
  );
}

function VerdictState<T extends { verdict: AdoptionVerdictResponse }>({
  query,
  what,
  children,
}: {
  query: UseQueryResult<T>;
  what: string;
  children: (data: T) => React.ReactNode;
}) {
  if (query.isPending && query.fetchStatus === 'idle') {
    return (
      <section className="card" aria-label="Verdict">
        <StateMessage testId="state-empty" title="No adoption chosen">
          <p>Choose an adoption or a team above. Adoptions are recorded on the Adoptions page.</p>
        </StateMessage>
      </section>
    );
  }
  if (query.isPending) {
    return (
      <section className="card" aria-label="Verdict">
        <ChartSkeleton label="Computing the verdict" testId="verdict-loading" />
      </section>
    );
  }
  if (query.isError) {
    const error = query.error;
    return (
      <section className="card" aria-label="Verdict">
        {error instanceof ApiError && (error.status === 400 || error.status === 404) ? (
          <StateMessage testId="state-empty" title={error.status === 400 ? 'Not enough mature data to judge' : 'No such adoption or practice'}>
            <p>{error.message}</p>
          </StateMessage>
        ) : (
          <QueryErrorState what={what} error={error} retrying={query.isFetching} onRetry={() => void query.refetch()} />
        )}
      </section>
    );
  }
  return <>{children(query.data)}</>;
}
