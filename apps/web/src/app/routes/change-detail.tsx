import { useParams } from 'react-router-dom';
import { ChangeDetailView } from '../../features/changes/components/change-detail-view';

export function ChangeDetailPage() {
  const { id = '' } = useParams();
  return (
    <>
      <title>Change · Escapement</title>
      <ChangeDetailView id={id} />
    </>
  );
}
