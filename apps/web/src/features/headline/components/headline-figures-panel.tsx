import type { DetectionStage } from '@escapement/domain';
import type { UseQueryResult } from '@tanstack/react-query';
import { useId, useMemo } from 'react';
import { QueryErrorState } from '../../../components/ui/query-error-state';
import { formatDate, formatPercent } from '../../../lib/format';
import { STAGE_LABELS } from '../../../lib/stage-labels';
import { usePeriodCounts } from '../api/get-period-counts';
import { comparedPeriods, coversImmatureDays, DEFAULT_PERIOD_DAYS, headlineFigures, trendOf, type HeadlineFigure } from '../headline-figures';

interface HeadlineFiguresPanelProps {
  boundary: DetectionStage;
  team: string | null;
  service: string | null;
  from: string | null;
  to: string | null;
  /** Today as an ISO date; passed in so that the page decides what "now" is. */
  today: string;
  /** The API's follow-up horizon in days, as its escape-rate answer states it: the default period ends that long before today. */
  followUpDays: UseQueryResult<number>;
}

function formatValue(figure: HeadlineFigure, value: number | null): string {
  if (figure.kind === 'rate') return formatPercent(value);
  return value === null ? '–' : String(value);
}

/** Four figures for the chosen period, each against the period of the same length before it. */
export function HeadlineFiguresPanel({ followUpDays, ...props }: HeadlineFiguresPanelProps) {
  const titleId = useId();
  if (followUpDays.isSuccess) return <HeadlineFigures {...props} followUpDays={followUpDays.data} />;
  return (
    <section className="card" aria-labelledby={titleId} data-testid="headline">
      <header className="card-header">
        <h2 id={titleId}>Headline figures</h2>
      </header>
      {followUpDays.isError ? (
        <QueryErrorState
          what="the follow-up horizon"
          error={followUpDays.error}
          retrying={followUpDays.isFetching}
          onRetry={() => void followUpDays.refetch()}
        />
      ) : (
        <ul className="headline" aria-busy="true">
          {headlineFigures(EMPTY, EMPTY).map((figure) => (
            <li key={figure.id} className="headline-figure" data-testid={`headline-${figure.id}`}>
              <span className="headline-label">{figure.label}</span>
              <span className="skeleton headline-skeleton" />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function HeadlineFigures({
  boundary,
  team,
  service,
  from,
  to,
  today,
  followUpDays,
}: Omit<HeadlineFiguresPanelProps, 'followUpDays'> & { followUpDays: number }) {
  const titleId = useId();
  const periods = useMemo(() => comparedPeriods(from, to, today, followUpDays), [from, to, today, followUpDays]);
  const current = usePeriodCounts({ period: periods.current, boundary, team, service });
  const previous = usePeriodCounts({ period: periods.previous, boundary, team, service });

  const failed = current.isError ? current : previous.isError ? previous : null;
  const figures = current.data && previous.data ? headlineFigures(current.data, previous.data) : null;

  return (
    <section className="card" aria-labelledby={titleId} data-testid="headline" data-from={periods.current.from} data-to={periods.current.to}>
      <header className="card-header">
        <h2 id={titleId}>
          {formatDate(periods.current.from)} – {formatDate(periods.current.to)}
        </h2>
        <p className="muted">
          {periods.defaulted ? `The latest ${DEFAULT_PERIOD_DAYS} days whose flaws have all had ${followUpDays} days to escape, ` : 'The chosen period, '}
          against the {formatDate(periods.previous.from)} – {formatDate(periods.previous.to)} before it. Escapes are findings first caught at or after{' '}
          {STAGE_LABELS[boundary]}; production escapes were first caught in production.
        </p>
      </header>
      {failed ? (
        <QueryErrorState what="the headline figures" error={failed.error!} retrying={failed.isFetching} onRetry={() => void failed.refetch()} />
      ) : (
        <ul className={figures && (current.isPlaceholderData || previous.isPlaceholderData) ? 'headline is-busy' : 'headline'} aria-busy={figures === null}>
          {(figures ?? headlineFigures(EMPTY, EMPTY)).map((figure) => {
            const trend = trendOf(figure);
            return (
              <li
                key={figure.id}
                className={`headline-figure trend-${trend.direction}`}
                data-testid={`headline-${figure.id}`}
                data-value={figures === null ? undefined : String(figure.current ?? '')}
                data-previous={figures === null ? undefined : String(figure.previous ?? '')}
              >
                <span className="headline-label">{figure.label}</span>
                {figures === null ? (
                  <span className="skeleton headline-skeleton" />
                ) : (
                  <>
                    <span className="headline-value">{formatValue(figure, figure.current)}</span>
                    <span className="headline-trend">
                      {trend.arrow && <span aria-hidden="true">{trend.arrow} </span>}
                      {trend.words}
                      {figure.previous !== null && <span className="muted"> (was {formatValue(figure, figure.previous)})</span>}
                    </span>
                  </>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {coversImmatureDays(periods.current, today, followUpDays) && (
        <p className="muted small" data-testid="headline-immature">
          Part of this period is younger than {followUpDays} days of follow-up: its rates may still rise as late escapes surface.
        </p>
      )}
    </section>
  );
}

const EMPTY = { all: { escaped: 0, total: 0 }, design: { escaped: 0, total: 0 }, productionEscapes: 0, contextGaps: 0 };
