import { runAttemptNote } from './run-attempts';

describe('runAttemptNote', () => {
  it('says when a failed run is tried again', () => {
    expect(runAttemptNote({ status: 'failed', attempts: 2, nextAttemptAt: '2026-11-01T02:00:00.000Z' })).toMatch(
      /^Attempt 2 of 4; tried again after .*2026.* UTC\.$/,
    );
  });

  it('says when no automatic try is left', () => {
    expect(runAttemptNote({ status: 'failed', attempts: 4, nextAttemptAt: null })).toBe('4 attempts, no more automatic tries: use Run now to try again.');
    expect(runAttemptNote({ status: 'failed', attempts: 1, nextAttemptAt: null })).toBe('1 attempt, no more automatic tries: use Run now to try again.');
  });

  it('says which attempt produced a run, unless it was the first', () => {
    expect(runAttemptNote({ status: 'mailed', attempts: 3, nextAttemptAt: null })).toBe('Produced on attempt 3.');
    expect(runAttemptNote({ status: 'mailed', attempts: 1, nextAttemptAt: null })).toBeNull();
  });
});
