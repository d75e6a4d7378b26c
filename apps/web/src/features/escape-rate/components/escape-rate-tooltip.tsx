import type { TimeBucket } from '@escapement/domain';
import { seriesColor, useChartSeries } from '../../../components/ui/chart';
import { formatDate, formatPercent, formatPeriod } from '../../../lib/format';
import { adopterName, type AdoptionMarker } from '../adoption-markers';
import { readRowValue, type ChartRow } from '../chart-rows';

interface EscapeRateTooltipProps {
  active: boolean;
  row: ChartRow | undefined;
  bucket: TimeBucket;
  markers: readonly AdoptionMarker[];
}

/** Per class: the rate, its 95% interval and the counts behind it, so a spike on one finding is visible as such. */
export function EscapeRateTooltip({ active, row, bucket, markers }: EscapeRateTooltipProps) {
  const series = useChartSeries();
  if (!active || row === undefined) return null;
  const marker = markers.find((candidate) => candidate.period === row.period);
  return (
    <div className="chart-tooltip">
      <div className="chart-tooltip-title">{formatPeriod(row.period, bucket)}</div>
      <table>
        <tbody>
          {series.map(({ key, label }) => {
            const value = readRowValue(row, key);
            return (
              <tr key={key}>
                <th scope="row">
                  <span className="chart-swatch" style={{ color: seriesColor(key) }} aria-hidden="true" />
                  {label}
                </th>
                <td className="numeric strong">
                  {formatPercent(value.rate)}
                  {!value.mature && value.total > 0 && <span className="muted"> (not yet mature)</span>}
                </td>
                <td className="numeric muted">{value.band ? `${formatPercent(value.band[0])}–${formatPercent(value.band[1])}` : ''}</td>
                <td className="numeric muted">
                  {value.escaped}/{value.total}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="chart-tooltip-note">Rate, 95% interval, escaped/total</div>
      {marker?.adoptions.map((adoption) => (
        <div key={adoption.id} className="chart-tooltip-adoption">
          {adopterName(adoption)} adopted {adoption.practice} on {formatDate(adoption.startedAt)}
        </div>
      ))}
    </div>
  );
}
