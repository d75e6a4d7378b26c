import { useRef, useState } from 'react';
import { FormErrorSummary, FormField } from '../../../components/ui/form-field';
import { apiFormErrors, focusFirstInvalid, hasFieldErrors, mergeErrors } from '../../../lib/form-errors';
import { useChangePassword } from '../api/change-password';
import { PASSWORD_MAX, PASSWORD_MIN, passwordProblem } from '../session-rules';

type Field = 'currentPassword' | 'newPassword' | 'confirmation';

const API_FIELDS = {
  '/currentPassword': { field: 'currentPassword', label: 'Current password' },
  '/newPassword': { field: 'newPassword', label: 'New password' },
} as const;

/** Replaces the password, the one-time one included; the API answers with a new session. */
export function ChangePasswordForm({ email, onChanged }: { email: string; onChanged: () => void }) {
  const form = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<Record<Field, string>>({ currentPassword: '', newPassword: '', confirmation: '' });
  const [local, setLocal] = useState<Partial<Record<Field, string>>>({});
  const change = useChangePassword();
  const errors = mergeErrors<Field>(local, apiFormErrors<Field>(change.error, API_FIELDS));
  const set = (field: Field) => (event: { target: { value: string } }) => setValues((current) => ({ ...current, [field]: event.target.value }));

  return (
    <form
      ref={form}
      className="auth-form"
      aria-label="Choose a new password"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const next: Partial<Record<Field, string>> = {};
        if (values.currentPassword === '') next.currentPassword = 'Enter the password you signed in with.';
        const problem = passwordProblem(values.newPassword, email);
        if (problem) next.newPassword = problem;
        else if (values.newPassword === values.currentPassword) next.newPassword = 'Choose a password different from the current one.';
        if (values.confirmation !== values.newPassword) next.confirmation = 'The two new passwords differ.';
        setLocal(next);
        change.reset();
        if (hasFieldErrors(next)) {
          requestAnimationFrame(() => focusFirstInvalid(form.current));
          return;
        }
        change.mutate(
          { currentPassword: values.currentPassword, newPassword: values.newPassword },
          { onSuccess: onChanged, onError: () => requestAnimationFrame(() => focusFirstInvalid(form.current)) },
        );
      }}
    >
      <FormErrorSummary messages={errors.general} />
      <FormField label="Current password" hint="The one-time password you were given, or your present one." error={errors.fields.currentPassword}>
        <input type="password" autoComplete="current-password" value={values.currentPassword} onChange={set('currentPassword')} />
      </FormField>
      <FormField
        label="New password"
        hint={`${PASSWORD_MIN} to ${PASSWORD_MAX} characters; a few unrelated words make a strong one.`}
        error={errors.fields.newPassword}
      >
        <input type="password" autoComplete="new-password" value={values.newPassword} onChange={set('newPassword')} />
      </FormField>
      <FormField label="New password again" error={errors.fields.confirmation}>
        <input type="password" autoComplete="new-password" value={values.confirmation} onChange={set('confirmation')} />
      </FormField>
      <div className="form-actions">
        <button type="submit" className="button" disabled={change.isPending}>
          {change.isPending ? 'Saving…' : 'Change password'}
        </button>
      </div>
    </form>
  );
}
