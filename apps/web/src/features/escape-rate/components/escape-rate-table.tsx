import type { TimeBucket } from '@escapement/domain';
import { useChartSeries } from '../../../components/ui/chart';
import { formatPercent, formatPeriod } from '../../../lib/format';
import { readRowValue, type ChartRow } from '../chart-rows';

/** The chart's numbers as a table: for screen readers, and for anyone who wants the exact counts. */
export function EscapeRateTable({ rows, bucket }: { rows: ChartRow[]; bucket: TimeBucket }) {
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
                  return (
                    <td key={key} className="numeric">
                      {formatPercent(value.rate)} <span className="muted">({value.escaped}/{value.total})</span>
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
