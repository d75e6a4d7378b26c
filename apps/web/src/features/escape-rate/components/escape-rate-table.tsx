import type { TimeBucket } from '@escapement/domain';
import { useChartSeries } from '../../../components/ui/chart';
import { formatPercent, formatPeriod } from '../../../lib/format';
import { Link } from 'react-router-dom';
import { readRowValue, type ChartRow } from '../chart-rows';
import type { PointHref } from '../drill-down-link';

/**
 * The chart's numbers as a table: for screen readers, for anyone who wants the exact counts, and as
 * the keyboard's way to the findings behind each point.
 */
export function EscapeRateTable({ rows, bucket, pointHref }: { rows: ChartRow[]; bucket: TimeBucket; pointHref?: PointHref }) {
  const series = useChartSeries();
  return (
    <details className="data-table">
      <summary>Show the numbers</summary>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">Period</th>
              {series.map(({ key, label }) => (
                <th key={key} scope="col" className="numeric">
                  {label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.period}>
                <th scope="row">{formatPeriod(row.period, bucket)}</th>
                {series.map(({ key }) => {
                  const value = readRowValue(row, key);
                  const href = value.escaped > 0 ? (pointHref?.({ seriesKey: key, period: row.period, bucket }) ?? null) : null;
                  const counts = `(${value.escaped}/${value.total})`;
                  return (
                    <td key={key} className="numeric">
                      {formatPercent(value.rate)}
                      {!value.mature && value.total > 0 && <span className="muted"> not yet mature</span>}{' '}
                      {href ? (
                        <Link to={href} aria-label={`${value.escaped} escaped of ${value.total}: open the findings`}>
                          {counts}
                        </Link>
                      ) : (
                        <span className="muted">{counts}</span>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
