import { Link, useParams, useSearchParams } from 'react-router-dom';
import { FindingsShortList } from '../../features/findings/components/findings-short-list';
import { ThreatModelView } from '../../features/threat-models/components/threat-model-view';
import { parseVersionParam } from '../../features/threat-models/model-selection';

/** One threat model; `?version=` picks the version shown, the latest by default. */
export function ThreatModelPage() {
  const { id = '' } = useParams();
  const [searchParams, setSearchParams] = useSearchParams();

  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/threat-models">← All threat models</Link>
      </nav>
      <ThreatModelView
        id={id}
        requestedVersion={parseVersionParam(searchParams.get('version'))}
        onSelectVersion={(version) =>
          setSearchParams((current) => {
            const next = new URLSearchParams(current);
            next.set('version', String(version));
            return next;
          })
        }
        // Features do not know each other: the page puts the findings feature's lists into the model's page.
        belowHeatMap={(model) => (
          <div className="detail-grid">
            <FindingsShortList
              testId="context-gaps"
              title="Context gaps"
              description={<>Escaped findings whose threat the model named before the flaw was introduced: the context existed but did not reach the code.</>}
              query={{ service: model.serviceId, escaped: true, gap: 'context_gap' }}
              emptyText="No context gaps: no escape in this service was a threat the model already named."
            />
            <FindingsShortList
              testId="model-gaps"
              title="Model gaps"
              description={<>Escaped findings in a modelled component that no threat covered: the model itself missed them.</>}
              query={{ service: model.serviceId, escaped: true, gap: 'model_gap' }}
              emptyText="No model gaps: every escape in a modelled component was a threat the model named."
            />
          </div>
        )}
      />
    </>
  );
}
