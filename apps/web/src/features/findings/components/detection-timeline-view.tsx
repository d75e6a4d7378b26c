import type { DetectionStage, FindingDetectionDto } from '@escapement/domain';
import { useId } from 'react';
import { formatDateTime } from '../../../lib/format';
import { labelOf, SOURCE_KIND_LABELS } from '../../../lib/finding-labels';
import { STAGE_LABELS } from '../../../lib/stage-labels';
import { detectionTimeline } from '../detection-timeline';

/**
 * The five lifecycle stages left to right, each with what was detected there, and the escape boundary
 * drawn between the stages, so it is plain which stages the finding got past.
 */
export function DetectionTimelineView({ detections, boundary }: { detections: readonly FindingDetectionDto[]; boundary: DetectionStage }) {
  const titleId = useId();
  const stages = detectionTimeline(detections, boundary);
  return (
    <section className="card" aria-labelledby={titleId}>
      <header className="card-header">
        <h2 id={titleId}>Detections</h2>
        <p className="muted">
          {detections.length} {detections.length === 1 ? 'detection' : 'detections'}. The dashed line is the escape boundary ({STAGE_LABELS[boundary]}): a
          finding first caught at or after it escaped.
        </p>
      </header>
      <ol className="timeline" data-testid="detection-timeline">
        {stages.map((stage) => (
          <li
            key={stage.stage}
            className={[
              'timeline-stage',
              stage.pastBoundary ? 'is-past-boundary' : '',
              stage.stage === boundary ? 'is-boundary' : '',
              stage.earliest ? 'is-earliest' : '',
            ]
              .filter(Boolean)
              .join(' ')}
            data-stage={stage.stage}
            data-count={stage.detections.length}
          >
            {stage.stage === boundary && <span className="timeline-boundary-label">Escape boundary</span>}
            <span className="timeline-marker" aria-hidden="true" />
            <span className="timeline-stage-name">
              {STAGE_LABELS[stage.stage]}
              {stage.earliest && <span className="visually-hidden"> (first caught here)</span>}
            </span>
            {stage.detections.length === 0 ? (
              <span className="muted small">Not detected</span>
            ) : (
              <ul className="timeline-detections">
                {stage.detections.map((detection, index) => (
                  <li key={`${detection.detectedAt}-${index}`}>
                    <time dateTime={detection.detectedAt}>{formatDateTime(detection.detectedAt)}</time>
                    <span className="muted small">
                      {detection.tool ?? labelOf(SOURCE_KIND_LABELS, detection.sourceKind)}
                      {detection.commit ? ` · ${detection.commit.slice(0, 10)}` : ''}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
