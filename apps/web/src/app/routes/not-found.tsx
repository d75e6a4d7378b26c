import { Link } from 'react-router-dom';

export function NotFoundPage() {
  return (
    <>
      <title>Not found · Escapement</title>
      <div className="page-header">
        <h1>Page not found</h1>
        <p className="muted">
          This address does not lead anywhere. <Link to="/">Go to the overview</Link>.
        </p>
      </div>
    </>
  );
}
