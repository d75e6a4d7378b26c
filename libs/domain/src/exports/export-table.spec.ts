import { csvCell, xlsxCell } from './export-table';

describe(csvCell.name, () => {
  it('writes each type as text', () => {
    expect(csvCell(null)).toBe('');
    expect(csvCell(new Date('2026-05-04T10:00:00Z'))).toBe('2026-05-04T10:00:00.000Z');
    expect(csvCell(0.125)).toBe('0.125');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(true)).toBe('true');
    expect(csvCell('=cmd|"/c calc"!A0')).toBe(`'=cmd|"/c calc"!A0`);
    expect(csvCell('plain, "quoted"\ntext')).toBe('plain, "quoted"\ntext');
  });
});

describe(xlsxCell.name, () => {
  it('keeps types and neutralises text', () => {
    const date = new Date('2026-05-04T10:00:00Z');
    expect(xlsxCell(date)).toBe(date);
    expect(xlsxCell(42)).toBe(42);
    expect(xlsxCell('@SUM(A1)')).toBe(`'@SUM(A1)`);
    expect(xlsxCell(Number.POSITIVE_INFINITY)).toBeNull();
  });
});
