import { useId } from 'react';
import { Link } from 'react-router-dom';
import { QueryContent } from '../../../components/ui/query-content';
import { formatDay } from '../../../lib/format';
import { useThreatModels } from '../api/get-threat-models';
import { modelsByService } from '../model-selection';
import { ImportHint } from './import-hint';

/** Every service's threat models; each opens its versions, components, threats and escapes. */
export function ThreatModelList() {
  const titleId = useId();
  const models = useThreatModels();

  const body = (
    <QueryContent query={models} what="the threat models" isEmpty={(data) => data.length === 0} empty={{ title: 'No threat models yet', body: <ImportHint /> }}>
      {(data) => (
        <div className="table-scroll table-wide" data-testid="threat-model-list">
          <table>
            <thead>
              <tr>
                <th scope="col">Service</th>
                <th scope="col">Threat model</th>
                <th scope="col" className="numeric">
                  Latest version
                </th>
                <th scope="col">First imported</th>
              </tr>
            </thead>
            <tbody>
              {modelsByService(data).flatMap((group) =>
                group.models.map((model, index) => (
                  <tr key={model.id} data-model-id={model.id}>
                    {index === 0 && (
                      <th scope="rowgroup" rowSpan={group.models.length} className="strong">
                        {group.service}
                      </th>
                    )}
                    <td>
                      <Link to={`/threat-models/${encodeURIComponent(model.id)}`}>{model.name}</Link>
                    </td>
                    <td className="numeric">{model.latestVersion === null ? '–' : `v${model.latestVersion}`}</td>
                    <td className="nowrap">{formatDay(model.createdAt)}</td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </div>
      )}
    </QueryContent>
  );

  return (
    <section className="card card-table" aria-labelledby={titleId}>
      <h2 id={titleId} className="visually-hidden">
        Threat models by service
      </h2>
      {body}
    </section>
  );
}
