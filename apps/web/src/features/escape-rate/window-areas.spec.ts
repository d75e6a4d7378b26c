import { windowAreas } from './window-areas';

const months = ['2025-01-01', '2025-02-01', '2025-03-01', '2025-04-01', '2025-05-01'];

describe(windowAreas.name, () => {
  it('covers every period a window touches, its exclusive end left out', () => {
    const sut = windowAreas(
      [
        { kind: 'before', label: 'Before', from: '2025-01-15', to: '2025-03-01' },
        { kind: 'after', label: 'After', from: '2025-03-01', to: '2025-04-16' },
      ],
      months,
      'month',
    );
    expect(sut).toEqual([
      { kind: 'before', label: 'Before', x1: '2025-01-01', x2: '2025-02-01' },
      { kind: 'after', label: 'After', x1: '2025-03-01', x2: '2025-04-01' },
    ]);
  });

  it('clips windows at the chart edges and drops windows outside it', () => {
    const sut = windowAreas(
      [
        { kind: 'before', label: 'Before', from: '2024-06-01', to: '2025-02-10' },
        { kind: 'after', label: 'After', from: '2025-04-20', to: '2025-09-01' },
      ],
      months,
      'month',
    );
    expect(sut.map(({ x1, x2 }) => [x1, x2])).toEqual([
      ['2025-01-01', '2025-02-01'],
      ['2025-04-01', '2025-05-01'],
    ]);
    expect(windowAreas([{ kind: 'after', label: 'After', from: '2026-01-01', to: '2026-02-01' }], months, 'month')).toEqual([]);
    expect(windowAreas([{ kind: 'before', label: 'Before', from: '2024-01-01', to: '2024-06-01' }], months, 'month')).toEqual([]);
    expect(windowAreas([{ kind: 'before', label: 'Before', from: '2024-01-01', to: '2024-06-01' }], [], 'month')).toEqual([]);
  });
});
