import { ariaSort, nextSort } from './table-sort';

describe(nextSort.name, () => {
  it('flips the order of the sorted column', () => {
    expect(nextSort({ sort: 'detected', order: 'desc' }, 'detected')).toEqual({ sort: 'detected', order: 'asc' });
    expect(nextSort({ sort: 'title', order: 'asc' }, 'title')).toEqual({ sort: 'title', order: 'desc' });
  });

  it('starts another column in its natural order', () => {
    expect(nextSort({ sort: 'detected', order: 'asc' }, 'severity')).toEqual({ sort: 'severity', order: 'desc' });
    expect(nextSort({ sort: 'severity', order: 'desc' }, 'title')).toEqual({ sort: 'title', order: 'asc' });
  });
});

describe(ariaSort.name, () => {
  it('marks only the sorted column, in its direction', () => {
    expect(ariaSort({ sort: 'stage', order: 'asc' }, 'stage')).toBe('ascending');
    expect(ariaSort({ sort: 'stage', order: 'desc' }, 'stage')).toBe('descending');
    expect(ariaSort({ sort: 'stage', order: 'desc' }, 'title')).toBe('none');
  });
});
