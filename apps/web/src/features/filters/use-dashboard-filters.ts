import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { parseFilters, writeFilters, type DashboardFilters } from './filters';

/**
 * The filters of the current URL and a setter that writes them back. Each change is a history entry,
 * so the Back button undoes a filter change.
 */
export function useDashboardFilters(): {
  filters: DashboardFilters;
  setFilters: (next: DashboardFilters) => void;
} {
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = useMemo(() => parseFilters(searchParams), [searchParams]);
  const setFilters = useCallback(
    (next: DashboardFilters) => {
      const written = writeFilters(searchParams, next);
      // Choosing what is already selected must not add a history entry.
      if (written.toString() !== searchParams.toString()) setSearchParams(written);
    },
    [searchParams, setSearchParams],
  );
  return { filters, setFilters };
}
