import { useId, useMemo } from 'react';
import { ChartSkeleton } from '../../../components/ui/chart-skeleton';
import { QueryContent } from '../../../components/ui/query-content';
import { formatPeriod } from '../../../lib/format';
import { useComponentGaps } from '../api/get-component-gaps';
import { HEAT_STEPS, heatLevel, layerHeatMap, type HeatCell, type LayerHeatMap } from '../layer-heat-map';
import type { ModelComponentDto } from '@escapement/domain';

interface LayerHeatMapViewProps {
  serviceId: string;
  service: string;
  components: readonly ModelComponentDto[];
}

/** "Which components leak": escapes per PWNISMS layer and component, per quarter, at the CI boundary. */
export function LayerHeatMapView({ serviceId, service, components }: LayerHeatMapViewProps) {
  const titleId = useId();
  const gaps = useComponentGaps({ service: serviceId, boundary: 'ci', bucket: 'quarter' });
  const map = useMemo(() => (gaps.data ? layerHeatMap(gaps.data.series, service, components) : null), [gaps.data, service, components]);

  const body = (
    <QueryContent
      query={gaps}
      what="the escapes per component"
      loading={<ChartSkeleton label="Loading escapes per component" testId="state-loading" />}
      isEmpty={() => map === null || components.length === 0}
      empty={{ title: 'This version has no components', body: <p>Escapes are counted per component; add components with match rules to the model.</p> }}
    >
      {() => map && <HeatMapTable map={map} />}
    </QueryContent>
  );

  return (
    <section className="card" aria-labelledby={titleId}>
      <header className="card-header">
        <h2 id={titleId}>Escapes by PWNISMS layer and component</h2>
        <p className="muted">
          Findings first caught at or after CI, per quarter the flaw was introduced, in each component of this version. A layer without components is a part of
          the system the model does not describe.
        </p>
      </header>
      {body}
    </section>
  );
}

function cellTitle(name: string, cell: HeatCell, period: string): string {
  return `${name}, ${period}: ${cell.escaped} escaped (${cell.contextGap} context gaps, ${cell.modelGap} model gaps)`;
}

function HeatMapTable({ map }: { map: LayerHeatMap }) {
  return (
    <>
      <div className="table-scroll table-wide heat-map-scroll" data-testid="layer-heat-map">
        <table className="heat-map">
          <caption className="visually-hidden">Escaped findings per PWNISMS layer, component and quarter</caption>
          <thead>
            <tr>
              <th scope="col">Layer</th>
              <th scope="col">Component</th>
              {map.periods.map((period) => (
                <th key={period} scope="col" className="numeric">
                  {formatPeriod(period, 'quarter')}
                </th>
              ))}
              <th scope="col" className="numeric">
                Total
              </th>
            </tr>
          </thead>
          {map.layers.map((layer) => (
            <tbody key={layer.layer} data-layer={layer.layer}>
              {layer.rows.length === 0 ? (
                <tr className="heat-empty-layer">
                  <th scope="row">{layer.label}</th>
                  <td colSpan={map.periods.length + 2} className="muted small">
                    No component on this layer
                  </td>
                </tr>
              ) : (
                layer.rows.map((row, index) => (
                  <tr key={row.componentKey} data-component={row.componentKey}>
                    {index === 0 && (
                      <th scope="rowgroup" rowSpan={layer.rows.length}>
                        {layer.label}
                      </th>
                    )}
                    <th scope="row" className="heat-component">
                      {row.name}
                    </th>
                    {row.cells.map((cell) => {
                      const period = formatPeriod(cell.period, 'quarter');
                      return (
                        <td key={cell.period} className={`numeric heat heat-${heatLevel(cell.escaped, map.max)}`} title={cellTitle(row.name, cell, period)}>
                          {cell.escaped || ''}
                        </td>
                      );
                    })}
                    <td className="numeric heat-total">
                      <span className="strong">{row.total.escaped}</span>
                      {row.total.escaped > 0 && (
                        <span className="muted small heat-split">
                          {row.total.contextGap} context · {row.total.modelGap} model
                        </span>
                      )}
                    </td>
                  </tr>
                ))
              )}
            </tbody>
          ))}
        </table>
      </div>
      <div className="heat-legend" aria-hidden="true">
        <span className="muted small">Fewer</span>
        {Array.from({ length: HEAT_STEPS }, (_, index) => (
          <span key={index} className={`heat-swatch heat heat-${index + 1}`} />
        ))}
        <span className="muted small">More escapes (up to {map.max} in a quarter)</span>
      </div>
    </>
  );
}
