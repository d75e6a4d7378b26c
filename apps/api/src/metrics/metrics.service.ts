import { Injectable } from '@nestjs/common';
import { buildEscapeRateSeries, periodStart } from '@escapement/domain';
import { invalid } from '../common/domain-error';
import { EscapeRateQuery, EscapeRateResponseBody } from './escape-rate.dto';
import { EscapeRateRepository } from './escape-rate.repository';

@Injectable()
export class MetricsService {
  constructor(private readonly escapeRates: EscapeRateRepository) {}

  async escapeRate(query: EscapeRateQuery): Promise<EscapeRateResponseBody> {
    if (query.from && query.to && query.from >= query.to) {
      throw invalid('from must be before to', [{ parameter: 'from', message: `${query.from} is not before ${query.to}` }]);
    }
    const rows = await this.escapeRates.countEscapes(query);
    // With an explicit period, the series span it whole; `to` is exclusive, so its own period is left out.
    const range = {
      from: query.from,
      to: query.to ? lastPeriodBefore(query.to, query.bucket) : undefined,
    };
    return {
      boundary: query.boundary,
      bucket: query.bucket,
      groupBy: query.groupBy,
      series: buildEscapeRateSeries(rows, query.bucket, range),
    };
  }
}

/** The period holding the last day before `to` (which is exclusive). */
function lastPeriodBefore(to: string, bucket: EscapeRateQuery['bucket']): string {
  return periodStart(new Date(Date.parse(`${to}T00:00:00Z`) - 86_400_000), bucket);
}
