import { ApiError } from './api-client';

/** One message per form field, and the messages that belong to no field. */
export interface FormErrors<F extends string> {
  fields: Partial<Record<F, string>>;
  general: string[];
}

/**
 * Places a rejected request's field errors next to the form's fields. `fields` maps the API's JSON
 * pointers (`/name`, `/match/ruleId`) to the form's field and its label: the API starts each message with
 * the pointer, which the label replaces so that the message reads as a sentence ("Name must not be blank").
 * Anything else (a conflict, a 403 for the wrong role) is general, with the server's own detail.
 */
export function apiFormErrors<F extends string>(error: unknown, fields: Record<string, { field: F; label: string }>): FormErrors<F> {
  const result: FormErrors<F> = { fields: {}, general: [] };
  if (error === null || error === undefined) return result;
  if (!(error instanceof ApiError)) {
    result.general.push(error instanceof Error ? error.message : String(error));
    return result;
  }
  let placed = false;
  for (const { pointer, message } of error.problem.errors ?? []) {
    // A field of an array (`/repositoryPatterns/2`) belongs to the array's field.
    const target = fields[pointer] ?? fields[pointer.replace(/\/\d+$/, '')];
    if (target === undefined) continue;
    placed = true;
    if (result.fields[target.field] !== undefined) continue;
    const rest = message.startsWith(pointer) ? message.slice(pointer.length) : ` ${message}`;
    result.fields[target.field] = `${target.label}${rest.startsWith(' ') ? rest : ` ${rest}`}`;
  }
  // The detail summarises the field errors; repeating it above the fields would say everything twice.
  if (!placed) result.general.push(error.message);
  return result;
}

/** Client-side checks and the API's answer, the client's first: it is what the person just did wrong. */
export function mergeErrors<F extends string>(local: Partial<Record<F, string>>, api: FormErrors<F>): FormErrors<F> {
  return { fields: { ...api.fields, ...local }, general: api.general };
}

export function hasFieldErrors<F extends string>(errors: Partial<Record<F, string>>): boolean {
  return Object.values(errors).some((message) => message !== undefined);
}

/**
 * Moves focus to the first field marked invalid in `form`, so a keyboard or screen-reader user lands on
 * what to fix instead of hunting for it. Called after the errors are on screen.
 */
export function focusFirstInvalid(form: HTMLFormElement | null): void {
  const invalid = form?.querySelector<HTMLElement>('[aria-invalid="true"]');
  invalid?.focus();
}
