import { LeakingComponentsPanel } from '../../features/threat-models/components/leaking-components-panel';
import { ThreatModelList } from '../../features/threat-models/components/threat-model-list';

/** Every service's threat models. */
export function ThreatModelsPage() {
  return (
    <>
      <title>Threat models · Escapement</title>
      <div className="page-header">
        <h1>Threat models</h1>
        <p className="muted">The models findings are linked to: which components leak, and whether the model had named the threat before the flaw.</p>
      </div>
      <LeakingComponentsPanel />
      <ThreatModelList />
    </>
  );
}
