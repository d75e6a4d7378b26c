import { escapesOfPoint, type ChartPoint } from './drill-down';

const point: ChartPoint = {
  findingClass: 'design',
  periodStart: '2025-03-01',
  bucket: 'month',
  boundary: 'production',
  team: 't1',
  service: null,
  from: null,
  to: null,
};

describe(escapesOfPoint.name, () => {
  it('asks for the escapes of that class in that bucket under the same view', () => {
    expect(escapesOfPoint(point)).toMatchObject({
      findingClass: 'design',
      escaped: true,
      boundary: 'production',
      team: 't1',
      service: null,
      from: '2025-03-01',
      to: '2025-03-31',
    });
  });

  it('keeps within the period the chart was filtered to', () => {
    expect(escapesOfPoint({ ...point, from: '2025-03-10', to: '2025-03-20' })).toMatchObject({ from: '2025-03-10', to: '2025-03-20' });
    expect(escapesOfPoint({ ...point, from: '2025-01-01', to: '2025-12-31' })).toMatchObject({ from: '2025-03-01', to: '2025-03-31' });
  });

  it('spans a whole quarter for quarterly charts', () => {
    expect(escapesOfPoint({ ...point, periodStart: '2025-10-01', bucket: 'quarter' })).toMatchObject({ from: '2025-10-01', to: '2025-12-31' });
  });
});
