import { ApiError } from '../../lib/api-client';

/** Validation messages per form field, and those that belong to no field. */
export interface FieldErrors<F extends string> {
  fields: Partial<Record<F, string[]>>;
  general: string[];
}

/**
 * Places the API's validation errors next to the fields they concern. The API points at fields with
 * JSON pointers (`/reason`) and starts each message with the pointer; the field's label replaces it,
 * so the message reads as a sentence ("Reason must not be blank").
 */
export function fieldErrors<F extends string>(error: unknown, labels: Record<F, string>): FieldErrors<F> {
  const result: FieldErrors<F> = { fields: {}, general: [] };
  if (!(error instanceof ApiError)) {
    if (error instanceof Error) result.general.push(error.message);
    return result;
  }
  const errors = error.problem.errors ?? [];
  for (const { pointer, message } of errors) {
    const field = pointer.split('/')[1] ?? '';
    if (field in labels) {
      const key = field as F;
      const text = message.startsWith(pointer) ? `${labels[key]}${message.slice(pointer.length)}` : message;
      const list = (result.fields[key] ??= []);
      if (!list.includes(text)) list.push(text);
    } else {
      result.general.push(`${pointer}: ${message}`);
    }
  }
  if (errors.length === 0) result.general.push(error.message);
  return result;
}
