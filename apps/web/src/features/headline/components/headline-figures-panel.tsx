import type { DetectionStage } from '@escapement/domain';
import type { UseQueryResult } from '@tanstack/react-query';
import { useId, useMemo } from 'react';
import { QueryContent } from '../../../components/ui/query-content';
import { formatDate, formatPercent } from '../../../lib/format';
import { STAGE_LABELS } from '../../../lib/stage-labels';
import { useComparedCounts } from '../api/get-period-counts';
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
  return (
    <QueryContent
      query={followUpDays}
      what="the follow-up horizon"
      loading={<FigureSkeletons />}
      frame={(state) => (
        <section className="card" aria-labelledby={titleId} data-testid="headline">
          <header className="card-header">
            <h2 id={titleId}>Headline figures</h2>
          </header>
          {state}
        </section>
      )}
    >
      {(days) => <HeadlineFigures {...props} followUpDays={days} />}
    </QueryContent>
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
  const counts = useComparedCounts({ current: periods.current, previous: periods.previous, boundary, team, service });

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
      <QueryContent query={counts} what="the headline figures" loading={<FigureSkeletons />}>
        {({ current, previous }) => (
          <ul className={counts.isPlaceholderData ? 'headline is-busy' : 'headline'} aria-busy={false}>
            {headlineFigures(current, previous).map((figure) => {
              const trend = trendOf(figure);
              return (
                <li
                  key={figure.id}
                  className={`headline-figure trend-${trend.direction}`}
                  data-testid={`headline-${figure.id}`}
                  data-value={String(figure.current ?? '')}
                  data-previous={String(figure.previous ?? '')}
                >
                  <span className="headline-label">{figure.label}</span>
                  <span className="headline-value">{formatValue(figure, figure.current)}</span>
                  <span className="headline-trend">
                    {trend.arrow && <span aria-hidden="true">{trend.arrow} </span>}
                    {trend.words}
                    {figure.previous !== null && <span className="muted"> (was {formatValue(figure, figure.previous)})</span>}
                  </span>
                </li>
              );
            })}
          </ul>
        )}
      </QueryContent>
      {coversImmatureDays(periods.current, today, followUpDays) && (
        <p className="muted small" data-testid="headline-immature">
          Part of this period is younger than {followUpDays} days of follow-up: its rates may still rise as late escapes surface.
        </p>
      )}
    </section>
  );
}

/** The four figures' labels with a placeholder for each value, while the counts load. */
function FigureSkeletons() {
  return (
    <ul className="headline" aria-busy="true">
      {headlineFigures(EMPTY, EMPTY).map((figure) => (
        <li key={figure.id} className="headline-figure" data-testid={`headline-${figure.id}`}>
          <span className="headline-label">{figure.label}</span>
          <span className="skeleton headline-skeleton" />
        </li>
      ))}
    </ul>
  );
}

const EMPTY = { all: { escaped: 0, total: 0 }, design: { escaped: 0, total: 0 }, productionEscapes: 0, contextGaps: 0 };
