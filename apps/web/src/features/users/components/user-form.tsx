import { ROLES, type TeamDto } from '@escapement/domain';
import { useId, useRef, useState } from 'react';
import { FormErrorSummary, FormField } from '../../../components/ui/form-field';
import { CreatedSecret } from '../../../components/ui/created-secret';
import { EnumSelect } from '../../../components/ui/enum-select';
import { apiFormErrors, focusFirstInvalid, hasFieldErrors, mergeErrors } from '../../../lib/form-errors';
import { useCreateUser } from '../api/create-user';
import { EMPTY_USER_DRAFT, takesTeams, validateUser, withRole, type UserDraft, type UserField } from '../user-form';
import { TeamChecklist } from './team-checklist';

const API_FIELDS = {
  '/email': { field: 'email', label: 'Email' },
  '/role': { field: 'role', label: 'Role' },
  '/teamIds': { field: 'teamIds', label: 'Teams' },
} as const;

interface UserFormProps {
  teams: readonly TeamDto[];
  existingEmails: readonly string[];
  roleLabels: Record<(typeof ROLES)[number], string>;
}

/** Creates an account and shows its one-time password once, to hand to the person. */
export function UserForm({ teams, existingEmails, roleLabels }: UserFormProps) {
  const id = useId();
  const form = useRef<HTMLFormElement>(null);
  const [draft, setDraft] = useState<UserDraft>(EMPTY_USER_DRAFT);
  const [local, setLocal] = useState<Partial<Record<UserField, string>>>({});
  const [created, setCreated] = useState<{ email: string; password: string } | null>(null);
  const create = useCreateUser();
  const errors = mergeErrors<UserField>(local, apiFormErrors<UserField>(create.error, API_FIELDS));

  if (created) {
    return (
      <CreatedSecret
        intro={
          <>
            Account <strong>{created.email}</strong> created. Give the person this password by a private channel; they choose their own at first sign-in.
          </>
        }
        label="One-time password"
        testId="user-password"
        value={created.password}
        warning="It is not shown again. If it is lost, reset the password from the list."
        onDone={() => setCreated(null)}
      />
    );
  }

  return (
    <form
      ref={form}
      className="stacked-form"
      aria-label="New user"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        create.reset();
        const problems = validateUser(draft, existingEmails);
        setLocal(problems);
        if (hasFieldErrors(problems)) {
          requestAnimationFrame(() => focusFirstInvalid(form.current));
          return;
        }
        create.mutate(draft, {
          onSuccess: ({ user, oneTimePassword }) => {
            setDraft(EMPTY_USER_DRAFT);
            setCreated({ email: user.email, password: oneTimePassword });
          },
          onError: () => requestAnimationFrame(() => focusFirstInvalid(form.current)),
        });
      }}
    >
      <FormField label="Email" error={errors.fields.email}>
        <input type="text" inputMode="email" autoComplete="off" value={draft.email} onChange={(event) => setDraft({ ...draft, email: event.target.value })} />
      </FormField>
      <FormField label="Role" hint="Managers record adoptions for their teams; viewers only read." error={errors.fields.role}>
        <EnumSelect values={ROLES} value={draft.role} label={(role) => roleLabels[role]} onChange={(role) => setDraft(withRole(draft, role))} />
      </FormField>
      {takesTeams(draft.role) && (
        <TeamChecklist
          legend={draft.role === 'manager' ? 'Teams (at least one)' : 'Teams (none: the whole organisation)'}
          teams={teams}
          selected={draft.teamIds}
          onChange={(teamIds) => setDraft({ ...draft, teamIds })}
          error={errors.fields.teamIds}
          errorId={`${id}-teams-error`}
        />
      )}
      <FormErrorSummary messages={errors.general} />
      <div className="form-actions">
        <button type="submit" className="button" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create user'}
        </button>
      </div>
    </form>
  );
}
