import type { UseQueryResult } from '@tanstack/react-query';
import { ChartSkeleton } from '../../../components/ui/chart-skeleton';
import { QueryContent } from '../../../components/ui/query-content';
import { StateMessage } from '../../../components/ui/state-message';
import type { ApiError } from '../../../lib/api-client';
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
  return (
    <QueryContent
      query={query}
      what={what}
      loading={<ChartSkeleton label="Computing the verdict" testId="verdict-loading" />}
      answers={{
        400: (problem) => <VerdictUnanswered title="Not enough mature data to judge" problem={problem} />,
        404: (problem) => <VerdictUnanswered title="No such adoption or practice" problem={problem} />,
      }}
      frame={(state) => (
        <section className="card" aria-label="Verdict">
          {state}
        </section>
      )}
    >
      {children}
    </QueryContent>
  );
}

function VerdictUnanswered({ title, problem }: { title: string; problem: ApiError }) {
  return (
    <StateMessage testId="state-empty" title={title}>
      <p>{problem.message}</p>
    </StateMessage>
  );
}
