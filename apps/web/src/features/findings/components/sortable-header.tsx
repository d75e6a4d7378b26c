import type { ReactNode } from 'react';
import type { FindingSort, FindingsQuery } from '../findings-query';
import { ariaSort } from '../table-sort';

interface SortableHeaderProps {
  column: FindingSort;
  query: Pick<FindingsQuery, 'sort' | 'order'>;
  onSort: (column: FindingSort) => void;
  className?: string;
  children: ReactNode;
}

/** A column header that sorts: a real button inside the header cell, which carries `aria-sort`. */
export function SortableHeader({ column, query, onSort, className, children }: SortableHeaderProps) {
  const sort = ariaSort(query, column);
  return (
    <th scope="col" aria-sort={sort} className={className}>
      <button type="button" className="sort-button" onClick={() => onSort(column)} data-sort={column}>
        {children}
        <span className={`sort-indicator sort-${sort}`} aria-hidden="true">
          {sort === 'ascending' ? '▲' : sort === 'descending' ? '▼' : '↕'}
        </span>
      </button>
    </th>
  );
}
