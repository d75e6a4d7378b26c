import type { ReactNode } from 'react';
import { DetailSkeleton } from '../../../components/ui/detail-skeleton';
import { QueryContent } from '../../../components/ui/query-content';
import { StateMessage } from '../../../components/ui/state-message';
import { useThreatModel } from '../api/get-threat-model';
import { useThreatModelVersion } from '../api/get-threat-model-version';
import { pickVersion } from '../model-selection';
import type { ThreatModelDetailDto } from '@escapement/domain';
import { ComponentsTable } from './components-table';
import { ContextUsageCard } from './context-usage-card';
import { ImportHint } from './import-hint';
import { LayerHeatMapView } from './layer-heat-map-view';
import { ThreatsTable } from './threats-table';
import { TrustCard } from './trust-card';
import { VersionPicker } from './version-picker';

interface ThreatModelViewProps {
  id: string;
  requestedVersion: number | null;
  onSelectVersion: (version: number) => void;
  /** What the page shows under the heat map, from other features: the escaped findings of this model's service. */
  belowHeatMap?: (model: ThreatModelDetailDto) => ReactNode;
}

/** One threat model: its versions (one shown at a time), escapes per layer and component, components and threats. */
export function ThreatModelView({ id, requestedVersion, onSelectVersion, belowHeatMap }: ThreatModelViewProps) {
  const model = useThreatModel(id);
  const selected = model.data ? pickVersion(model.data.versions, requestedVersion) : null;
  const version = useThreatModelVersion(id, selected?.version ?? null);

  return (
    <QueryContent
      query={model}
      what="the threat model"
      loading={<DetailSkeleton label="Loading the threat model" />}
      answers={{
        404: () => (
          <StateMessage testId="state-empty" title="This threat model does not exist">
            <p>It may have been removed, or the link is incomplete.</p>
          </StateMessage>
        ),
      }}
    >
      {(detail) => (
        <>
          <title>{`${detail.name} · Threat models · Escapement`}</title>
          <header className="page-header">
            <h1 data-testid="threat-model-name">{detail.name}</h1>
            <p className="muted">
              Threat model of <strong>{detail.service}</strong>, {detail.versions.length} {detail.versions.length === 1 ? 'version' : 'versions'}.
            </p>
          </header>
          {selected === null ? (
            <StateMessage testId="state-empty" title="This model has no versions yet">
              <ImportHint />
            </StateMessage>
          ) : (
            <>
              <section className="card" aria-label="Version">
                <VersionPicker versions={detail.versions} selected={selected} onSelect={onSelectVersion} />
              </section>
              <QueryContent query={version} what="the version" loading={<DetailSkeleton label="Loading the version" />}>
                {(shown) => (
                  <>
                    <LayerHeatMapView serviceId={detail.serviceId} service={detail.service} components={shown.components} />
                    {belowHeatMap?.(detail)}
                    <ComponentsTable components={shown.components} />
                    <ContextUsageCard service={detail.service} />
                    <ThreatsTable threats={shown.threats} components={shown.components} />
                    <TrustCard zones={shown.trustZones} boundaries={shown.trustBoundaries} />
                  </>
                )}
              </QueryContent>
            </>
          )}
        </>
      )}
    </QueryContent>
  );
}
