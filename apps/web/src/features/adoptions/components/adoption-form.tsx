import type { ServiceDto, TeamDto } from '@escapement/domain';
import { useId, useRef, useState } from 'react';
import { FormErrorSummary, FormField } from '../../../components/ui/form-field';
import { OptionsWithSelected } from '../../../components/ui/options-with-selected';
import { apiFormErrors, focusFirstInvalid, hasFieldErrors, mergeErrors } from '../../../lib/form-errors';
import { useCreateAdoption } from '../api/create-adoption';
import { DEFAULT_PRACTICE, validateAdoption, type AdoptionDraft, type AdoptionField } from '../adoption-form';

const API_FIELDS = {
  '/teamId': { field: 'teamId', label: 'Team' },
  '/serviceId': { field: 'serviceId', label: 'Service' },
  '/practice': { field: 'practice', label: 'Practice' },
  '/startedAt': { field: 'startedAt', label: 'Start date' },
} as const;

interface AdoptionFormProps {
  teams: readonly TeamDto[];
  services: readonly ServiceDto[];
  practices: readonly string[];
}

/** Records that a team or a service started a practice on a date: the line the metrics compare around. */
export function AdoptionForm({ teams, services, practices }: AdoptionFormProps) {
  const id = useId();
  const form = useRef<HTMLFormElement>(null);
  const [draft, setDraft] = useState<AdoptionDraft>({ scope: 'team', teamId: '', serviceId: '', practice: DEFAULT_PRACTICE, startedAt: '' });
  const [local, setLocal] = useState<Partial<Record<AdoptionField, string>>>({});
  const [saved, setSaved] = useState<string | null>(null);
  const create = useCreateAdoption();
  const errors = mergeErrors<AdoptionField>(local, apiFormErrors<AdoptionField>(create.error, API_FIELDS));
  const set = (field: keyof AdoptionDraft) => (event: { target: { value: string } }) => setDraft((current) => ({ ...current, [field]: event.target.value }));

  return (
    <form
      ref={form}
      className="stacked-form"
      aria-label="Record an adoption"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setSaved(null);
        create.reset();
        const problems = validateAdoption(draft);
        setLocal(problems);
        if (hasFieldErrors(problems)) {
          requestAnimationFrame(() => focusFirstInvalid(form.current));
          return;
        }
        create.mutate(draft, {
          onSuccess: (adoption) => {
            setDraft((current) => ({ ...current, startedAt: '' }));
            setSaved(`Recorded: ${adoption.teamName ?? adoption.serviceName} started ${adoption.practice} on ${adoption.startedAt}.`);
          },
          onError: () => requestAnimationFrame(() => focusFirstInvalid(form.current)),
        });
      }}
    >
      <fieldset className="radio-group">
        <legend>Adopted by</legend>
        {(['team', 'service'] as const).map((scope) => (
          <label key={scope} className="radio radio-inline">
            <input
              type="radio"
              name={`${id}-scope`}
              value={scope}
              checked={draft.scope === scope}
              onChange={() => setDraft((current) => ({ ...current, scope }))}
            />
            <span>{scope === 'team' ? 'A team (all its services)' : 'One service'}</span>
          </label>
        ))}
      </fieldset>
      {draft.scope === 'team' ? (
        <FormField label="Team" error={errors.fields.teamId}>
          <select value={draft.teamId} onChange={set('teamId')}>
            <option value="">Choose a team</option>
            <OptionsWithSelected items={teams} selected={draft.teamId || null} unknownLabel="Unknown team" />
          </select>
        </FormField>
      ) : (
        <FormField label="Service" error={errors.fields.serviceId}>
          <select value={draft.serviceId} onChange={set('serviceId')}>
            <option value="">Choose a service</option>
            <OptionsWithSelected items={services} selected={draft.serviceId || null} unknownLabel="Unknown service" />
          </select>
        </FormField>
      )}
      <FormField label="Practice" hint="Spell it as before so that the metrics group it: pick a suggestion." error={errors.fields.practice}>
        <input type="text" list={`${id}-practices`} value={draft.practice} onChange={set('practice')} />
      </FormField>
      <datalist id={`${id}-practices`}>
        {practices.map((practice) => (
          <option key={practice} value={practice} />
        ))}
      </datalist>
      <FormField label="Start date" hint="The first day the practice was in use; before/after windows are measured from it." error={errors.fields.startedAt}>
        <input type="date" value={draft.startedAt} onChange={set('startedAt')} />
      </FormField>
      <FormErrorSummary messages={errors.general} />
      <div className="form-actions">
        <button type="submit" className="button" disabled={create.isPending}>
          {create.isPending ? 'Recording…' : 'Record adoption'}
        </button>
        <p className="form-status" role="status">
          {saved}
        </p>
      </div>
    </form>
  );
}
