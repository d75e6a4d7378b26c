import { isRouteErrorResponse, useRouteError } from 'react-router-dom';

/** Last line of defence: a page that throws while rendering shows this instead of a blank screen. */
export function RouteErrorPage() {
  const error = useRouteError();
  const message = isRouteErrorResponse(error) ? `${error.status} ${error.statusText}` : error instanceof Error ? error.message : 'Unknown error';
  return (
    <main className="page">
      <div className="page-header" role="alert">
        <h1>Something went wrong</h1>
        <p className="muted">{message}</p>
        <p>
          <a href="/">Reload the overview</a>
        </p>
      </div>
    </main>
  );
}
