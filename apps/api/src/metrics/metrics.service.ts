import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { buildEscapeRateSeries, nextPeriod, periodRange, periodStart, type TimeBucket } from '@escapement/domain';
import type { TeamScope } from '../auth/principal';
import { EscapeRateQuery, EscapeRateResponseBody } from './escape-rate.dto';
import { EscapeRateRepository } from './escape-rate.repository';
import { assertPeriod } from './period-filter';
import type { GapPoint, GapsResponse } from '@escapement/domain';
import type { GapsQuery } from './gaps.dto';
import { GapsRepository } from './gaps.repository';

@Injectable()
export class MetricsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly escapeRates: EscapeRateRepository,
    private readonly gaps: GapsRepository,
  ) {}

  /** Escaped findings over time, split into context gaps, model gaps and unmodelled ones. */
  async gapSeries(query: GapsQuery, teams: TeamScope): Promise<GapsResponse> {
    assertPeriod(query);
    const rows = await this.gaps.countGaps(query, teams);
    if (rows.length === 0) return { boundary: query.boundary, bucket: query.bucket, groupBy: query.groupBy, series: [] };
    const periods = rows.map((r) => r.period).sort();
    const all = periodRange(query.from ?? periods[0], query.to ? lastPeriodBefore(query.to, query.bucket) : periods[periods.length - 1], query.bucket);
    const byKey = new Map<string, Map<string, GapPoint>>();
    for (const row of rows) {
      if (!byKey.has(row.key)) byKey.set(row.key, new Map());
      const points = byKey.get(row.key)!;
      const point = points.get(row.period) ?? { period: row.period, escaped: 0, contextGap: 0, modelGap: 0, unmodelled: 0 };
      point.escaped += row.n;
      if (row.gap === 'context_gap') point.contextGap += row.n;
      else if (row.gap === 'model_gap') point.modelGap += row.n;
      else point.unmodelled += row.n;
      points.set(row.period, point);
    }
    return {
      boundary: query.boundary,
      bucket: query.bucket,
      groupBy: query.groupBy,
      series: [...byKey.keys()].sort().map((key) => ({
        key,
        points: all.map((period) => byKey.get(key)!.get(period) ?? { period, escaped: 0, contextGap: 0, modelGap: 0, unmodelled: 0 }),
      })),
    };
  }

  async escapeRate(query: EscapeRateQuery, teams: TeamScope): Promise<EscapeRateResponseBody> {
    assertPeriod(query);
    const rows = await this.escapeRates.countEscapes(query, teams);
    // With an explicit period, the series span it whole; `to` is exclusive, so its own period is left out.
    const range = {
      from: query.from,
      to: query.to ? lastPeriodBefore(query.to, query.bucket) : undefined,
    };
    const followUpDays = query.followUpDays ?? this.config.followUpDays;
    const now = Date.now();
    return {
      boundary: query.boundary,
      followUpDays,
      bucket: query.bucket,
      groupBy: query.groupBy,
      series: buildEscapeRateSeries(rows, query.bucket, range, (period) => cohortIsMature(period, query.bucket, followUpDays, now)),
    };
  }
}

/** The period holding the last day before `to` (which is exclusive). */
function lastPeriodBefore(to: string, bucket: EscapeRateQuery['bucket']): string {
  return periodStart(new Date(Date.parse(`${to}T00:00:00Z`) - 86_400_000), bucket);
}

/** A cohort is mature once its whole period is at least the follow-up window in the past. */
function cohortIsMature(period: string, bucket: TimeBucket, followUpDays: number, now: number): boolean {
  return Date.parse(`${nextPeriod(period, bucket)}T00:00:00Z`) + followUpDays * 86_400_000 <= now;
}
