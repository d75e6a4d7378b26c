import { useId } from 'react';
import { Link } from 'react-router-dom';
import { QueryContent } from '../../../components/ui/query-content';
import { useLeakingComponents } from '../api/get-leaking-components';
import { useThreatModels } from '../api/get-threat-models';
import { rankLeakingComponents } from '../leaking-components';

/** Which components leak the most, across every model: where the next threat-modelling hour pays off. */
export function LeakingComponentsPanel() {
  const titleId = useId();
  const gaps = useLeakingComponents();
  const models = useThreatModels();
  const modelOf = new Map((models.data ?? []).map((m) => [m.service, m.id]));

  const body = (
    <QueryContent query={gaps} what="the escapes per component" rows={5}>
      {(data) => {
        const { components, unmodelled } = rankLeakingComponents(data);
        return components.length === 0 ? (
          <p className="muted">No escaped finding lies in a modelled component yet.</p>
        ) : (
          <div className="table-scroll table-wide" tabIndex={0} role="region" aria-labelledby={titleId}>
            <table data-testid="leaking-components">
              <thead>
                <tr>
                  <th scope="col">Component</th>
                  <th scope="col">Service</th>
                  <th scope="col" className="numeric">
                    Escaped
                  </th>
                  <th scope="col" className="numeric">
                    Context gaps
                  </th>
                  <th scope="col" className="numeric">
                    Model gaps
                  </th>
                </tr>
              </thead>
              <tbody>
                {components.map((c) => {
                  const modelId = modelOf.get(c.service);
                  return (
                    <tr key={`${c.service}/${c.component}`}>
                      <th scope="row" className="strong">
                        {modelId ? <Link to={`/threat-models/${encodeURIComponent(modelId)}`}>{c.component}</Link> : c.component}
                      </th>
                      <td>{c.service}</td>
                      <td className="numeric">{c.escaped}</td>
                      <td className="numeric">{c.contextGap}</td>
                      <td className="numeric">{c.modelGap}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            {unmodelled > 0 && <p className="muted small">{unmodelled} escaped findings lie in no modelled component.</p>}
          </div>
        );
      }}
    </QueryContent>
  );

  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId}>Components that leak the most</h2>
      <p className="muted">
        Escaped findings (first caught at or after CI) per component, across all models. A context gap means the model named the threat before the flaw; a model
        gap means it did not.
      </p>
      {body}
    </section>
  );
}
