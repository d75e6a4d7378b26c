import { invalid } from '../common/domain-error';

/** A metric's period must be non-empty: `from` (inclusive) before `to` (exclusive). */
export function assertPeriod(query: { from?: string; to?: string }): void {
  if (query.from && query.to && query.from >= query.to) {
    throw invalid('from must be before to', [{ parameter: 'from', message: `${query.from} is not before ${query.to}` }]);
  }
}
