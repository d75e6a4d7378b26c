import type { ReactNode } from 'react';
import { QueryErrorState } from '../../../components/ui/query-error-state';
import { StateMessage } from '../../../components/ui/state-message';
import { ApiError } from '../../../lib/api-client';
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

function DetailSkeleton({ label }: { label: string }) {
  return (
    <div className="detail-skeleton" role="status" aria-busy="true" data-testid="state-loading">
      <span className="visually-hidden">{label}</span>
      <div className="skeleton skeleton-title" />
      <div className="skeleton skeleton-card" />
    </div>
  );
}

/** One threat model: its versions (one shown at a time), escapes per layer and component, components and threats. */
export function ThreatModelView({ id, requestedVersion, onSelectVersion, belowHeatMap }: ThreatModelViewProps) {
  const model = useThreatModel(id);
  const selected = model.data ? pickVersion(model.data.versions, requestedVersion) : null;
  const version = useThreatModelVersion(id, selected?.version ?? null);

  if (model.isPending) return <DetailSkeleton label="Loading the threat model" />;
  if (model.isError) {
    if (model.error instanceof ApiError && model.error.status === 404) {
      return (
        <StateMessage testId="state-empty" title="This threat model does not exist">
          <p>It may have been removed, or the link is incomplete.</p>
        </StateMessage>
      );
    }
    return <QueryErrorState what="the threat model" error={model.error} retrying={model.isFetching} onRetry={() => void model.refetch()} />;
  }

  const detail = model.data;
  return (
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
          {version.isPending ? (
            <DetailSkeleton label="Loading the version" />
          ) : version.isError ? (
            <QueryErrorState what="the version" error={version.error} retrying={version.isFetching} onRetry={() => void version.refetch()} />
          ) : (
            <>
              <LayerHeatMapView serviceId={detail.serviceId} service={detail.service} components={version.data.components} />
              {belowHeatMap?.(detail)}
              <ComponentsTable components={version.data.components} />
              <ContextUsageCard service={detail.service} />
              <ThreatsTable threats={version.data.threats} components={version.data.components} />
              <TrustCard zones={version.data.trustZones} boundaries={version.data.trustBoundaries} />
            </>
          )}
        </>
      )}
    </>
  );
}
