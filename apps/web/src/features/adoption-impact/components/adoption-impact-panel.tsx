import { useId } from 'react';
import { ChartSkeleton } from '../../../components/ui/chart-skeleton';
import { QueryContent, type RetryControl } from '../../../components/ui/query-content';
import { StateMessage } from '../../../components/ui/state-message';
import type { ApiError } from '../../../lib/api-client';
import { formatDate } from '../../../lib/format';
import { STAGE_LABELS } from '../../../lib/stage-labels';
import { useAdoptionImpact, type AdoptionImpactParams } from '../api/get-adoption-impact';
import type { AdoptionImpactResponse } from '@escapement/domain';
import { ImpactBarsChart } from './impact-bars-chart';
import { ImpactStatistics } from './impact-statistics';

/** The day before an exclusive end, for showing windows as people read them (both ends included). */
function lastDay(exclusiveEnd: string): string {
  const date = new Date(`${exclusiveEnd}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

/**
 * Beside the verdict: the adopters' own escape rates before and after, and the control's, findings taken as
 * independent. Context for the verdict above it, which this never replaces.
 */
export function AdoptionImpactPanel(params: AdoptionImpactParams) {
  const titleId = useId();
  const impact = useAdoptionImpact(params);

  let body;
  if (params.adoption === null && params.team === null) {
    body = (
      <StateMessage testId="state-empty" title="No adoption chosen">
        <p>Choose an adoption or a team above. Adoptions are recorded on the Adoptions page.</p>
      </StateMessage>
    );
  } else {
    body = (
      <QueryContent
        query={impact}
        what="the adoption's impact"
        loading={<ChartSkeleton label="Loading the adoption's impact" testId="state-loading" />}
        answers={{
          // The API refuses windows without enough mature data; that is an answer, not a failure.
          400: (problem, control) => <ImpactUnanswered title="Not enough mature data to compare" problem={problem} control={control} />,
          404: (problem, control) => <ImpactUnanswered title="No such adoption" problem={problem} control={control} />,
        }}
      >
        {(response) => <ImpactBody response={response} />}
      </QueryContent>
    );
  }

  return (
    <section className="card" aria-labelledby={titleId}>
      <header className="card-header">
        <h2 id={titleId}>Beside the verdict: the adopters’ own before and after</h2>
        <p className="muted">
          Findings introduced in equal windows either side of the adoption (ending at a retirement), counted only once their flaws have had the full follow-up
          to escape. Bars are the adopting team’s escape rates with 95% Wilson intervals; the control group is services of teams that had not adopted. This is
          context for the verdict above, not a verdict: the adopters’ own change includes whatever moved the whole organisation.
        </p>
      </header>
      {body}
    </section>
  );
}

function ImpactUnanswered({ title, problem, control }: { title: string; problem: ApiError; control: RetryControl }) {
  return (
    <StateMessage
      testId="state-empty"
      title={title}
      action={
        <button type="button" className="button button-quiet" onClick={control.retry} disabled={control.retrying}>
          {control.retrying ? 'Retrying…' : 'Retry'}
        </button>
      }
    >
      <p>{problem.message}</p>
    </StateMessage>
  );
}

function ImpactBody({ response }: { response: AdoptionImpactResponse }) {
  const { before, after } = response.windows;
  const who = response.adoption.team ?? response.adoption.service ?? 'Unknown';
  return (
    <>
      <p data-testid="impact-summary">
        <strong>{who}</strong> adopted {response.adoption.practice} on {formatDate(response.adoption.startedAt)}. Before: {formatDate(before.from)} –{' '}
        {formatDate(lastDay(before.to))}; after: {formatDate(after.from)} – {formatDate(lastDay(after.to))} ({response.windowDays} days each, escapes at or
        after {STAGE_LABELS[response.boundary]}, {response.followUpDays} days of follow-up). Control group: {response.control.services}{' '}
        {response.control.services === 1 ? 'service' : 'services'}.
      </p>
      <ImpactBarsChart response={response} />
      <ImpactStatistics response={response} />
      <p className="muted small">
        These tests take findings as independent (one flaw can produce many findings, and practice is adopted per team) and do not correct for looking at many
        classes at once: the verdict above does both.
      </p>
    </>
  );
}
