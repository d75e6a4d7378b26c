import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { QueryErrorState } from './query-error-state';
import { StateMessage } from './state-message';
import { TableSkeleton } from './table-skeleton';

interface QueryContentProps<T> {
  query: UseQueryResult<T[]>;
  /** What is loaded, as it reads after "Loading" and "Could not load": "the teams". */
  what: string;
  empty: { title: string; body?: ReactNode };
  children: (items: T[]) => ReactNode;
}

/** A list from the API in one of its four states: loading, failed with a retry, empty with what to do, or shown. */
export function QueryContent<T>({ query, what, empty, children }: QueryContentProps<T>) {
  if (query.isPending) return <TableSkeleton label={`Loading ${what}`} rows={4} />;
  if (query.isError) return <QueryErrorState what={what} error={query.error} retrying={query.isFetching} onRetry={() => void query.refetch()} />;
  if (query.data.length === 0) {
    return (
      <StateMessage testId="state-empty" title={empty.title}>
        {empty.body}
      </StateMessage>
    );
  }
  return <>{children(query.data)}</>;
}
