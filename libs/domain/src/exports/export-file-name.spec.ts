import { contentDisposition, exportFileName } from './export-file-name';

describe(exportFileName.name, () => {
  const at = new Date('2026-12-05T10:30:00Z');

  it('says what, for whom and when', () => {
    expect(exportFileName('findings', 'Payments', at, 'xlsx')).toBe('escapement-findings-payments-2026-12-05.xlsx');
    expect(exportFileName('escape rate', null, at, 'csv')).toBe('escapement-escape-rate-organisation-2026-12-05.csv');
    expect(exportFileName('report', 'Payments & Billing / EU', at, 'pdf')).toBe('escapement-report-payments-billing-eu-2026-12-05.pdf');
  });

  it('keeps letters of any script', () => {
    expect(exportFileName('findings', 'Платежи', at, 'csv')).toBe('escapement-findings-платежи-2026-12-05.csv');
  });
});

describe(contentDisposition.name, () => {
  it('gives an ASCII fallback and the exact name', () => {
    expect(contentDisposition('escapement-findings-платежи-2026-12-05.csv')).toBe(
      `attachment; filename="escapement-findings--2026-12-05.csv"; filename*=UTF-8''escapement-findings-%D0%BF%D0%BB%D0%B0%D1%82%D0%B5%D0%B6%D0%B8-2026-12-05.csv`,
    );
    expect(contentDisposition('a"b.csv')).toBe(`attachment; filename="ab.csv"; filename*=UTF-8''a%22b.csv`);
  });
});
