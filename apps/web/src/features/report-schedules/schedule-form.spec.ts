import { parseRecipients, scheduleRequest, validateSchedule } from './schedule-form';

describe(parseRecipients.name, () => {
  it('reads addresses one per line or separated by commas, semicolons and spaces, once each', () => {
    expect(parseRecipients('a@example.com,\n b@example.com; a@example.com  c@example.com')).toEqual(['a@example.com', 'b@example.com', 'c@example.com']);
    expect(parseRecipients('  \n ')).toEqual([]);
  });
});

describe(validateSchedule.name, () => {
  it('asks for at least one address and names the ones that are not addresses', () => {
    expect(validateSchedule({ teamId: '', cadence: 'monthly', recipients: '' }).recipients).toMatch(/at least one/);
    expect(validateSchedule({ teamId: '', cadence: 'monthly', recipients: 'a@example.com, bob' }).recipients).toBe('Not an email address: bob');
    expect(validateSchedule({ teamId: '', cadence: 'monthly', recipients: 'a@example.com' })).toEqual({});
  });

  it('sends no team for the organisation', () => {
    expect(scheduleRequest({ teamId: '', cadence: 'monthly', recipients: 'a@example.com' })).toEqual({
      teamId: null,
      cadence: 'monthly',
      recipients: ['a@example.com'],
    });
  });
});
