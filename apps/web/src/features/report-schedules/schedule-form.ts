import type { ReportCadence } from '@escapement/domain';

export interface ScheduleDraft {
  teamId: string;
  cadence: ReportCadence;
  recipients: string;
}

export type ScheduleField = 'teamId' | 'cadence' | 'recipients';

export const EMPTY_SCHEDULE_DRAFT: ScheduleDraft = { teamId: '', cadence: 'quarterly', recipients: '' };

export interface CreateScheduleBody {
  teamId: string | null;
  cadence: ReportCadence;
  recipients: string[];
}

/** Addresses as people paste them: one per line, or separated by commas, semicolons or spaces. */
export function parseRecipients(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).filter(Boolean))];
}

/** What the form can tell before asking the server; the server checks each address again. */
export function validateSchedule(draft: ScheduleDraft): Partial<Record<ScheduleField, string>> {
  const recipients = parseRecipients(draft.recipients);
  if (!recipients.length) return { recipients: 'Give at least one email address.' };
  const bad = recipients.filter((address) => !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(address));
  if (bad.length) return { recipients: `Not an email address: ${bad.join(', ')}` };
  return {};
}

export function scheduleRequest(draft: ScheduleDraft): CreateScheduleBody {
  return { teamId: draft.teamId || null, cadence: draft.cadence, recipients: parseRecipients(draft.recipients) };
}
