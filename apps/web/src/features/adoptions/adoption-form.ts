import type { AdoptionDto } from '@escapement/domain';
import { isIsoDate } from '../../lib/iso-date';

/** The practice the product measures; offered first so that adoptions of it are spelled one way. */
export const DEFAULT_PRACTICE = 'context-aware-development';

export interface AdoptionDraft {
  scope: 'team' | 'service';
  teamId: string;
  serviceId: string;
  practice: string;
  startedAt: string;
}

export type AdoptionField = 'teamId' | 'serviceId' | 'practice' | 'startedAt';

/** The API's rule for practice names (letters, digits, spaces, dashes, underscores; 1–100). */
const PRACTICE = /^[a-z0-9][a-z0-9-_ ]*$/i;

export function validateAdoption(draft: AdoptionDraft): Partial<Record<AdoptionField, string>> {
  const errors: Partial<Record<AdoptionField, string>> = {};
  if (draft.scope === 'team' && draft.teamId === '') errors.teamId = 'Choose the team that adopted the practice.';
  if (draft.scope === 'service' && draft.serviceId === '') errors.serviceId = 'Choose the service that adopted the practice.';
  const practice = draft.practice.trim();
  if (practice === '') errors.practice = 'Name the practice.';
  else if (practice.length > 100) errors.practice = 'Keep the practice name to 100 characters.';
  else if (!PRACTICE.test(practice)) errors.practice = 'Use letters, digits, spaces, dashes or underscores, starting with a letter or digit.';
  if (draft.startedAt === '') errors.startedAt = 'Give the date the practice started.';
  else if (!isIsoDate(draft.startedAt)) errors.startedAt = 'Give a real date as YYYY-MM-DD.';
  return errors;
}

/** A team or a service, never both: the API refuses a body with the two. */
export function adoptionRequest(draft: AdoptionDraft): { teamId?: string; serviceId?: string; practice: string; startedAt: string } {
  return {
    ...(draft.scope === 'team' ? { teamId: draft.teamId } : { serviceId: draft.serviceId }),
    practice: draft.practice.trim(),
    startedAt: draft.startedAt,
  };
}

/** Who adopted, as the list reads it. */
export function adopterLabel(adoption: AdoptionDto): string {
  if (adoption.serviceId) return `Service ${adoption.serviceName ?? adoption.serviceId}`;
  if (adoption.teamId) return `Team ${adoption.teamName ?? adoption.teamId}`;
  return 'Organisation';
}

/** Newest start first: the adoption people just recorded, or are about to judge, is on top. */
export function sortAdoptions(adoptions: readonly AdoptionDto[]): AdoptionDto[] {
  return [...adoptions].sort((a, b) => b.startedAt.localeCompare(a.startedAt) || b.createdAt.localeCompare(a.createdAt));
}

/** Practices already recorded, for the practice field's suggestions; the default first. */
export function knownPractices(adoptions: readonly AdoptionDto[]): string[] {
  return [...new Set([DEFAULT_PRACTICE, ...adoptions.map((adoption) => adoption.practice)])];
}

export interface AdoptionEdit {
  practice: string;
  startedAt: string;
}

/** A correction of practice or start; a start after the adoption's end would be refused by the API. */
export function validateAdoptionEdit(edit: AdoptionEdit, retiredAt: string | null): Partial<Record<'practice' | 'startedAt', string>> {
  const { practice, startedAt } = validateAdoption({ scope: 'team', teamId: '-', serviceId: '', ...edit });
  const errors: Partial<Record<'practice' | 'startedAt', string>> = {};
  if (practice) errors.practice = practice;
  if (startedAt) errors.startedAt = startedAt;
  else if (retiredAt !== null && edit.startedAt > retiredAt) errors.startedAt = `Start on or before the end, ${retiredAt}.`;
  return errors;
}

/** Only what changed goes into the PATCH body; null when nothing did. */
export function adoptionChanges(before: AdoptionDto, after: AdoptionEdit): Partial<AdoptionEdit> | null {
  const changes: Partial<AdoptionEdit> = {};
  if (after.practice.trim() !== before.practice) changes.practice = after.practice.trim();
  if (after.startedAt !== before.startedAt) changes.startedAt = after.startedAt;
  return Object.keys(changes).length ? changes : null;
}

/** The end date of a practice: a real date, not before it started. */
export function retireProblem(retiredAt: string, startedAt: string): string | null {
  if (retiredAt === '') return 'Give the date the practice ended.';
  if (!isIsoDate(retiredAt)) return 'Give a real date as YYYY-MM-DD.';
  if (retiredAt < startedAt) return `End on or after the start, ${startedAt}.`;
  return null;
}
