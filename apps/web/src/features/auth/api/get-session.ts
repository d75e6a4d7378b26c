import { queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import type { AuthSessionDto, WhoAmIDto } from '@escapement/domain';
import { ApiError, apiGet, setCsrfToken } from '../../../lib/api-client';

export const SESSION_KEY = ['auth', 'session'] as const;

/**
 * The signed-in person, or null when nobody is. A reload loses the in-memory CSRF token; `/auth/me`
 * hands it back for the session the cookie names.
 */
export async function getSession(signal?: AbortSignal): Promise<AuthSessionDto | null> {
  try {
    const me = await apiGet<WhoAmIDto>('/auth/me', undefined, { signal });
    // The dashboard is for people; a token in a browser has no session to show.
    const session = me.kind === 'session' ? me : null;
    setCsrfToken(session?.csrfToken ?? null);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export function getSessionQueryOptions() {
  return queryOptions({
    queryKey: SESSION_KEY,
    queryFn: ({ signal }) => getSession(signal),
    // The session changes only by login, logout, password change or its end, each of which updates this entry.
    staleTime: Infinity,
    retry: false,
  });
}

/** The one place the session is held: every page reads it from here. */
export function useSession() {
  return useQuery(getSessionQueryOptions());
}

/**
 * Stores a new session (login, password change) or its end. Every other cached answer belonged to the
 * previous person, so it is dropped rather than shown to the next one.
 */
export function storeSession(queryClient: QueryClient, session: AuthSessionDto | null): void {
  setCsrfToken(session?.csrfToken ?? null);
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== SESSION_KEY[0] });
  queryClient.setQueryData(SESSION_KEY, session);
}
