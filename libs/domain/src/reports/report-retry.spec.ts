import { nextReportAttempt, REPORT_MAX_ATTEMPTS } from './report-retry';

describe('nextReportAttempt', () => {
  const failedAt = new Date('2026-11-01T00:05:42Z');

  it('waits longer after each failed attempt, from the hour of the failure', () => {
    expect(nextReportAttempt(1, failedAt)?.toISOString()).toBe('2026-11-01T01:00:00.000Z');
    expect(nextReportAttempt(2, failedAt)?.toISOString()).toBe('2026-11-01T02:00:00.000Z');
    expect(nextReportAttempt(3, failedAt)?.toISOString()).toBe('2026-11-01T04:00:00.000Z');
  });

  it('stops at the limit', () => {
    expect(REPORT_MAX_ATTEMPTS).toBe(4);
    expect(nextReportAttempt(REPORT_MAX_ATTEMPTS, failedAt)).toBeNull();
    expect(nextReportAttempt(REPORT_MAX_ATTEMPTS + 1, failedAt)).toBeNull();
  });
});
