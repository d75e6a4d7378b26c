import { useId, useMemo } from 'react';
import { ChartDownload } from '../../../components/ui/chart-download';
import { ChartSkeleton } from '../../../components/ui/chart-skeleton';
import { QueryContent } from '../../../components/ui/query-content';
import { CLASS_LABELS, labelOf } from '../../../lib/finding-labels';
import { formatPercent } from '../../../lib/format';
import { STAGE_LABELS } from '../../../lib/stage-labels';
import { useContainment, type ContainmentParams } from '../api/get-containment';
import { containmentCsv, containmentHeatMap, HEAT_STEPS, type ContainmentHeatMap } from '../containment-heat-map';

const classLabel = (key: string) => labelOf(CLASS_LABELS, key);

/** "Where findings are stopped": stage detected × finding class, as a compact heat map. */
export function ContainmentPanel(params: ContainmentParams) {
  const titleId = useId();
  const containment = useContainment(params);
  const map = useMemo(() => (containment.data ? containmentHeatMap(containment.data) : null), [containment.data]);

  const body = (
    <QueryContent
      query={containment}
      what="the containment matrix"
      loading={<ChartSkeleton label="Loading where findings are stopped" testId="state-loading" />}
      isEmpty={() => map === null || map.rows.every((row) => row.total === 0)}
      empty={{ title: 'No findings in this view', body: <p>Widen the team, service or period to see where findings are caught.</p> }}
    >
      {() => map && <HeatMap map={map} busy={containment.isPlaceholderData && containment.isFetching} />}
    </QueryContent>
  );

  return (
    <section className="card" aria-labelledby={titleId}>
      <header className="card-header">
        <h2 id={titleId}>Where findings are stopped</h2>
        <p className="muted">
          Findings of each class by the stage where they were first caught, and the share stopped at or before that stage. Darker cells hold more findings; a
          design-level row that stays low until production is what context-aware practice is meant to change.
        </p>
      </header>
      {body}
    </section>
  );
}

function HeatMap({ map, busy }: { map: ContainmentHeatMap; busy: boolean }) {
  return (
    <div className="chart" aria-busy={busy}>
      <div className="chart-toolbar">
        <p className="heat-legend small muted" aria-hidden="true">
          Fewer
          {Array.from({ length: HEAT_STEPS }, (_, index) => (
            <span key={index} className={`heat-swatch heat-${index + 1}`} />
          ))}
          More findings
        </p>
        <ChartDownload fileName="containment-by-class" png={false} table={() => containmentCsv(map, classLabel)} />
      </div>
      {/* Focusable, so that keyboard users can scroll the matrix sideways on a narrow screen. */}
      <div
        className={busy ? 'table-scroll table-wide is-busy' : 'table-scroll table-wide'}
        tabIndex={0}
        role="region"
        aria-label="Findings stopped per stage and class"
      >
        <table className="heat-map containment-map" data-testid="containment-heat-map">
          <caption className="visually-hidden">Findings first caught per stage and finding class, with the cumulative share stopped</caption>
          <thead>
            <tr>
              <th scope="col">Class</th>
              {map.stages.map((stage) => (
                <th key={stage} scope="col" className="numeric">
                  {STAGE_LABELS[stage]}
                </th>
              ))}
              <th scope="col" className="numeric">
                Total
              </th>
            </tr>
          </thead>
          <tbody>
            {map.rows.map((row) => (
              <tr key={row.key} data-key={row.key}>
                <th scope="row">{classLabel(row.key)}</th>
                {row.cells.map((cell) => (
                  <td
                    key={cell.stage}
                    className={`numeric heat heat-${cell.level}`}
                    data-stage={cell.stage}
                    data-count={cell.count}
                    title={`${classLabel(row.key)}, first caught at ${STAGE_LABELS[cell.stage]}: ${cell.count}; ${formatPercent(cell.share)} stopped by then`}
                  >
                    <span className="heat-count">{cell.count}</span>
                    <span className="heat-share">{formatPercent(cell.share, 0)} stopped</span>
                  </td>
                ))}
                <td className="numeric heat-total">{row.total}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
