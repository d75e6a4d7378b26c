import { type CreatedTokenDto, type TeamDto, TOKEN_SCOPES } from '@escapement/domain';
import { useId, useRef, useState } from 'react';
import { FormErrorSummary, FormField } from '../../../components/ui/form-field';
import { CreatedSecret } from '../../../components/ui/created-secret';
import { OptionsWithSelected } from '../../../components/ui/options-with-selected';
import { apiFormErrors, focusFirstInvalid, hasFieldErrors, mergeErrors } from '../../../lib/form-errors';
import { useCreateToken } from '../api/create-token';
import {
  EMPTY_TOKEN_DRAFT,
  EXPIRY_CHOICES,
  SCOPE_LABELS,
  toggleScope,
  tokenRequest,
  validateToken,
  type ExpiryChoice,
  type TokenDraft,
  type TokenField,
} from '../token-form';

const API_FIELDS = {
  '/name': { field: 'name', label: 'Name' },
  '/scopes': { field: 'scopes', label: 'Scopes' },
  '/teamId': { field: 'teamId', label: 'Team' },
  '/expiresAt': { field: 'expiresOn', label: 'Expiry' },
} as const;

interface TokenFormProps {
  teams: readonly TeamDto[];
  /** Names of live tokens: the API refuses a second live token of the same name. */
  liveNames: readonly string[];
}

/** Creates a token, then shows its secret once; the form comes back when the secret has been stored. */
export function TokenForm({ teams, liveNames }: TokenFormProps) {
  const id = useId();
  const form = useRef<HTMLFormElement>(null);
  const [draft, setDraft] = useState<TokenDraft>(EMPTY_TOKEN_DRAFT);
  const [local, setLocal] = useState<Partial<Record<TokenField, string>>>({});
  const [created, setCreated] = useState<CreatedTokenDto | null>(null);
  const create = useCreateToken();
  const errors = mergeErrors<TokenField>(local, apiFormErrors<TokenField>(create.error, API_FIELDS));

  if (created) {
    return (
      <CreatedSecret
        intro={
          <>
            Token <strong>{created.token.name}</strong> created. Put it in the CI job&apos;s secrets as <code>ESCAPEMENT_TOKEN</code>.
          </>
        }
        label="New API token"
        testId="token-secret"
        value={created.secret}
        warning="This is the only time the token is shown: Escapement keeps only its hash. If it is lost, revoke it and create another."
        onDone={() => setCreated(null)}
      />
    );
  }

  return (
    <form
      ref={form}
      className="stacked-form"
      aria-label="New API token"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        create.reset();
        const problems = validateToken(draft, new Date().toISOString().slice(0, 10), liveNames);
        setLocal(problems);
        if (hasFieldErrors(problems)) {
          requestAnimationFrame(() => focusFirstInvalid(form.current));
          return;
        }
        create.mutate(tokenRequest(draft, new Date()), {
          onSuccess: (answer) => {
            setDraft(EMPTY_TOKEN_DRAFT);
            setCreated(answer);
          },
          onError: () => requestAnimationFrame(() => focusFirstInvalid(form.current)),
        });
      }}
    >
      <FormField label="Name" hint="What uses it, e.g. ci-payments; the audit log names the token by it." error={errors.fields.name}>
        <input type="text" value={draft.name} onChange={(event) => setDraft({ ...draft, name: event.target.value })} />
      </FormField>
      <fieldset
        className="checkbox-group"
        aria-invalid={errors.fields.scopes ? true : undefined}
        aria-describedby={errors.fields.scopes ? `${id}-scopes-error` : undefined}
        tabIndex={errors.fields.scopes ? -1 : undefined}
      >
        <legend>Scopes</legend>
        {TOKEN_SCOPES.map((scope) => (
          <label key={scope} className="radio">
            <input
              type="checkbox"
              value={scope}
              checked={draft.scopes.includes(scope)}
              onChange={(event) => setDraft({ ...draft, scopes: toggleScope(draft.scopes, scope, event.target.checked) })}
            />
            <span>
              <span className="radio-label">
                {SCOPE_LABELS[scope].label} <code>{scope}</code>
              </span>
              <span className="field-hint">{SCOPE_LABELS[scope].hint}</span>
            </span>
          </label>
        ))}
        {errors.fields.scopes && (
          <p id={`${id}-scopes-error`} className="field-errors">
            {errors.fields.scopes}
          </p>
        )}
      </fieldset>
      <FormField label="Team" hint="A team-limited token reads and writes that team's services only." error={errors.fields.teamId}>
        <select value={draft.teamId} onChange={(event) => setDraft({ ...draft, teamId: event.target.value })}>
          <option value="">Every team</option>
          <OptionsWithSelected items={teams} selected={draft.teamId || null} unknownLabel="Unknown team" />
        </select>
      </FormField>
      <FormField label="Expires" hint="A token that lives shorter leaks for shorter.">
        <select value={draft.expiry} onChange={(event) => setDraft({ ...draft, expiry: event.target.value as ExpiryChoice })}>
          {EXPIRY_CHOICES.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
      </FormField>
      {draft.expiry === 'date' && (
        <FormField label="Expiry date" error={errors.fields.expiresOn}>
          <input type="date" value={draft.expiresOn} onChange={(event) => setDraft({ ...draft, expiresOn: event.target.value })} />
        </FormField>
      )}
      <FormErrorSummary messages={errors.general} />
      <div className="form-actions">
        <button type="submit" className="button" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create token'}
        </button>
      </div>
    </form>
  );
}
