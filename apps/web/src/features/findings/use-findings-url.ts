import { useCallback, useMemo } from 'react';
import { useLocation, useSearchParams } from 'react-router-dom';
import { parseFindingsQuery, readCursor, withCursor, writeFindingsQuery, type FindingsQuery } from './findings-query';
import { EMPTY_TRAIL, readTrail, stepBack, trailForNext, trailState, type PageTrail } from './page-trail';

/**
 * The findings table's state, all of it in the URL and the history entry: the query (filters and
 * sort), the page cursor, and the trail of earlier pages. Each change is a history entry, so the Back
 * button undoes a filter or a page turn.
 */
export function useFindingsUrl(): {
  query: FindingsQuery;
  cursor: string | null;
  trail: PageTrail;
  setQuery: (next: FindingsQuery) => void;
  nextPage: (nextCursor: string) => void;
  previousPage: () => void;
} {
  const [searchParams, setSearchParams] = useSearchParams();
  const location = useLocation();
  const query = useMemo(() => parseFindingsQuery(searchParams), [searchParams]);
  const cursor = readCursor(searchParams);
  const trail = useMemo(() => readTrail(location.state), [location.state]);

  const setQuery = useCallback(
    (next: FindingsQuery) => {
      const written = writeFindingsQuery(searchParams, next);
      // Choosing what is already selected must not add a history entry.
      if (written.toString() !== searchParams.toString()) setSearchParams(written, { state: trailState(EMPTY_TRAIL) });
    },
    [searchParams, setSearchParams],
  );

  const nextPage = useCallback(
    (nextCursor: string) => setSearchParams(withCursor(searchParams, nextCursor), { state: trailState(trailForNext(trail, cursor)) }),
    [searchParams, setSearchParams, trail, cursor],
  );

  const previousPage = useCallback(() => {
    const back = stepBack(trail);
    setSearchParams(withCursor(searchParams, back.cursor), { state: trailState(back.trail) });
  }, [searchParams, setSearchParams, trail]);

  return { query, cursor, trail, setQuery, nextPage, previousPage };
}
