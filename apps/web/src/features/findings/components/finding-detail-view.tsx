import type { DetectionStage, FindingDetailDto } from '@escapement/domain';
import { DetailSkeleton } from '../../../components/ui/detail-skeleton';
import { StateMessage } from '../../../components/ui/state-message';
import { QueryContent } from '../../../components/ui/query-content';
import { STAGE_LABELS } from '../../../lib/stage-labels';
import { useFinding } from '../api/get-finding';
import { locationLabel, sourceHref } from '../source-link';
import { ClassificationCard } from './classification-card';
import { DetectionTimelineView } from './detection-timeline-view';
import { EscapedBadge, SeverityBadge } from './finding-badges';
import { FindingFacts } from './finding-facts';
import { ChangeCard } from './change-card';
import { ThreatModelCard } from './threat-model-card';

/**
 * One finding in full: loads it and decides between skeleton, not found, error and the detail.
 * `canOverride` says whether the signed-in role may decide a class; without it the control is not shown.
 */
export function FindingDetailView({ id, boundary, canOverride }: { id: string; boundary: DetectionStage; canOverride: boolean }) {
  const finding = useFinding(id, boundary);

  return (
    <QueryContent
      query={finding}
      what="the finding"
      loading={<DetailSkeleton label="Loading the finding" cards={2} />}
      answers={{
        404: () => (
          <StateMessage testId="state-empty" title="This finding does not exist">
            <p>It may have been removed, or the link is incomplete.</p>
          </StateMessage>
        ),
      }}
    >
      {(detail) => <FindingDetail detail={detail} canOverride={canOverride} />}
    </QueryContent>
  );
}

function FindingDetail({ detail, canOverride }: { detail: FindingDetailDto; canOverride: boolean }) {
  const href = sourceHref(detail.location);
  return (
    <>
      <title>{`${detail.title} · Findings · Escapement`}</title>
      <header className="page-header detail-header">
        <h1 data-testid="finding-title">{detail.title}</h1>
        <div className="detail-meta">
          <SeverityBadge severity={detail.severity} />
          <EscapedBadge escaped={detail.escaped} />
          <span>
            {detail.serviceName} · first caught at {STAGE_LABELS[detail.firstDetectedStage]}
          </span>
          <span className="muted">
            {href ? (
              <a href={href} target="_blank" rel="noreferrer" data-testid="finding-source-link">
                {locationLabel(detail.location)}
                <span className="visually-hidden"> (opens the source in a new tab)</span>
              </a>
            ) : (
              <code>{locationLabel(detail.location)}</code>
            )}
          </span>
        </div>
      </header>
      <div className="detail-grid">
        <ClassificationCard finding={detail} canOverride={canOverride} />
        <ThreatModelCard finding={detail} />
        <ChangeCard findingId={detail.id} />
      </div>
      <DetectionTimelineView detections={detail.detections} boundary={detail.boundary} />
      <FindingFacts finding={detail} />
    </>
  );
}
