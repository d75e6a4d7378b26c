import type { UseInfiniteQueryResult, UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ApiError } from '../../lib/api-client';
import { QueryErrorState } from './query-error-state';
import { StateMessage } from './state-message';
import { TableSkeleton } from './table-skeleton';

/** Asking the same question again, for an answer that offers it. */
export interface RetryControl {
  retry: () => void;
  retrying: boolean;
}

/**
 * Refusals by the API that answer the question rather than fail it, by HTTP status: a 404 for a finding
 * that does not exist, a 400 for a period without enough mature data. Each draws its own state message.
 */
export type ProblemAnswers = Partial<Record<number, (problem: ApiError, control: RetryControl) => ReactNode>>;

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
  empty?: { title: string; body?: ReactNode; action?: ReactNode };
  /** Statuses shown as answers instead of as a failure with a retry. */
  answers?: ProblemAnswers;
  /** Wraps every state but the data, for panels whose data draws its own card. */
  frame?: (state: ReactNode) => ReactNode;
  children: (data: T) => ReactNode;
}

/**
 * A panel's data from the API in one of its four states: loading, failed with a retry (or refused with an
 * answer of its own), empty with what to do, or shown. Every panel uses it, so that each state looks and
 * reads the same everywhere.
 */
export function QueryContent<T>({ query, what, loading, rows = 4, isEmpty = isEmptyList, empty, answers, frame = unframed, children }: QueryContentProps<T>) {
  if (query.isPending) return <>{frame(loading ?? <TableSkeleton label={`Loading ${what}`} rows={rows} />)}</>;
  if (query.isError) {
    const control = { retry: () => void query.refetch(), retrying: query.isFetching };
    const answer = query.error instanceof ApiError ? answers?.[query.error.status] : undefined;
    if (answer) return <>{frame(answer(query.error as ApiError, control))}</>;
    return <>{frame(<QueryErrorState what={what} error={query.error} retrying={control.retrying} onRetry={control.retry} />)}</>;
  }
  if (empty && isEmpty(query.data)) {
    return (
      <>
        {frame(
          <StateMessage testId="state-empty" title={empty.title} action={empty.action}>
            {empty.body}
          </StateMessage>,
        )}
      </>
    );
  }
  return <>{children(query.data)}</>;
}

function isEmptyList(data: unknown): boolean {
  return Array.isArray(data) && data.length === 0;
}

function unframed(state: ReactNode): ReactNode {
  return state;
}
