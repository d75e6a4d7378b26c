import { isDetectionStage } from '@escapement/domain';
import { Link, useLocation, useParams, useSearchParams } from 'react-router-dom';
import { useSession } from '../../features/auth/api/get-session';
import { can } from '../../features/auth/session-rules';
import { FindingDetailView } from '../../features/findings/components/finding-detail-view';

/** Where "Back" leads: the list as it was left (filters, sort, page), or the plain list for a shared link. */
function listHref(state: unknown): string {
  const search = (state as { listSearch?: unknown } | null)?.listSearch;
  return typeof search === 'string' && search.startsWith('?') ? `/findings${search}` : '/findings';
}

/** One finding, addressable by its id; `?boundary=` decides whether it counts as escaped. */
export function FindingDetailPage() {
  const { id = '' } = useParams();
  const [searchParams] = useSearchParams();
  const location = useLocation();
  // Features do not know each other: the page tells the finding's view what the signed-in role may do.
  const role = useSession().data?.user.role;
  const boundaryParam = searchParams.get('boundary');
  const boundary = isDetectionStage(boundaryParam) ? boundaryParam : 'ci';

  return (
    <>
      <title>Finding · Escapement</title>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to={listHref(location.state)}>← Back to findings</Link>
      </nav>
      <FindingDetailView id={id} boundary={boundary} canOverride={can(role, 'triage')} />
    </>
  );
}
