import type { UseInfiniteQueryResult, UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { QueryErrorState } from './query-error-state';
import { StateMessage } from './state-message';
import { TableSkeleton } from './table-skeleton';

interface QueryContentProps<T> {
  query: UseQueryResult<T> | UseInfiniteQueryResult<T>;
  /** What is loaded, as it reads after "Loading" and "Could not load": "the teams". */
  what: string;
  /** In place of the table skeleton while loading: a chart's skeleton, say. */
  loading?: ReactNode;
  /** Rows of the table skeleton. */
  rows?: number;
  /** When the answer counts as empty; by default, an empty list. */
  isEmpty?: (data: T) => boolean;
  empty?: { title: string; body?: ReactNode };
  children: (data: T) => ReactNode;
}

/**
 * A panel's data from the API in one of its four states: loading, failed with a retry, empty with what
 * to do, or shown. Every panel uses it, so that each state looks and reads the same everywhere.
 */
export function QueryContent<T>({ query, what, loading, rows = 4, isEmpty = isEmptyList, empty, children }: QueryContentProps<T>) {
  if (query.isPending) return <>{loading ?? <TableSkeleton label={`Loading ${what}`} rows={rows} />}</>;
  if (query.isError) return <QueryErrorState what={what} error={query.error} retrying={query.isFetching} onRetry={() => void query.refetch()} />;
  if (empty && isEmpty(query.data)) {
    return (
      <StateMessage testId="state-empty" title={empty.title}>
        {empty.body}
      </StateMessage>
    );
  }
  return <>{children(query.data)}</>;
}

function isEmptyList(data: unknown): boolean {
  return Array.isArray(data) && data.length === 0;
}
