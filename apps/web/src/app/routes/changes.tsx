import { isDetectionStage, type DetectionStage } from '@escapement/domain';
import { useSearchParams } from 'react-router-dom';
import { ExportMenu } from '../../components/ui/export-menu';
import { ChangeContextPanel } from '../../features/changes/components/change-context-panel';
import { ChangesTable } from '../../features/changes/components/changes-table';

/** Which changes carried threat context, and did they escape less? The boundary and team are in the URL. */
export function ChangesPage() {
  const [searchParams] = useSearchParams();
  const boundaryParam = searchParams.get('boundary');
  const boundary: DetectionStage = isDetectionStage(boundaryParam) ? boundaryParam : 'ci';
  const team = searchParams.get('team') || null;
  return (
    <>
      <title>Changes · Escapement</title>
      <div className="page-header">
        <h1>Changes</h1>
        <p className="muted">Which changes carried threat context, and did the findings they introduced escape less than those of changes without it?</p>
        <div className="page-actions">
          <ExportMenu name="change-context" label="Export change context" params={{ boundary, team }} />
        </div>
      </div>
      <ChangeContextPanel boundary={boundary} team={team} />
      <ChangesTable team={team} />
    </>
  );
}
