import { useQueryClient } from '@tanstack/react-query';
import { useEffect, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { QueryErrorState } from '../../../components/ui/query-error-state';
import { onApiError } from '../../../lib/api-client';
import { SESSION_KEY, storeSession, useSession } from '../api/get-session';
import { loginHref } from '../session-rules';

/**
 * Shows its children to a signed-in person only. Nobody signed in goes to the login page, and someone
 * still on a one-time password to the password change, each with the way back in the URL. While it is
 * mounted, a 401 from any call (the session idled out, was ended elsewhere) sends the person to log in
 * again, and a 403 asking for a password change rereads the session.
 */
export function RequireSession({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  const queryClient = useQueryClient();

  useEffect(() => {
    onApiError((error) => {
      if (error.status === 401 && queryClient.getQueryData(SESSION_KEY)) storeSession(queryClient, null);
      else if (error.status === 403 && error.problemCode === 'password_change_required') void queryClient.invalidateQueries({ queryKey: SESSION_KEY });
    });
    return () => onApiError(null);
  }, [queryClient]);

  const here = `${location.pathname}${location.search}${location.hash}`;
  if (session.isPending) {
    return (
      <div className="page" role="status" aria-live="polite" aria-busy="true">
        <span className="visually-hidden">Checking your session</span>
      </div>
    );
  }
  if (session.isError) {
    return (
      <main className="page">
        <QueryErrorState what="your session" error={session.error} retrying={session.isFetching} onRetry={() => void session.refetch()} />
      </main>
    );
  }
  if (session.data === null) return <Navigate to={loginHref(here)} replace />;
  if (session.data.user.mustChangePassword) return <Navigate to={loginHref(here, '/change-password')} replace />;
  return children;
}
