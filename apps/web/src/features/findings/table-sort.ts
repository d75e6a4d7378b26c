import { DEFAULT_ORDER, type FindingSort, type FindingsQuery, type SortOrder } from './findings-query';

/**
 * The sort after a click on a column header: the same column flips its order, another column starts
 * in its own natural order (newest, gravest, latest-caught first; titles A to Z).
 */
export function nextSort(query: Pick<FindingsQuery, 'sort' | 'order'>, column: FindingSort): { sort: FindingSort; order: SortOrder } {
  if (query.sort === column) return { sort: column, order: query.order === 'asc' ? 'desc' : 'asc' };
  return { sort: column, order: DEFAULT_ORDER[column] };
}

/** The `aria-sort` of a sortable column header, so screen readers announce which column orders the rows. */
export function ariaSort(query: Pick<FindingsQuery, 'sort' | 'order'>, column: FindingSort): 'ascending' | 'descending' | 'none' {
  if (query.sort !== column) return 'none';
  return query.order === 'asc' ? 'ascending' : 'descending';
}
