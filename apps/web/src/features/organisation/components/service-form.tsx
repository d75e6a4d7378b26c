import type { ServiceDto, TeamDto } from '@escapement/domain';
import { useRef, useState } from 'react';
import { FormErrorSummary, FormField } from '../../../components/ui/form-field';
import { OptionsWithSelected } from '../../../components/ui/options-with-selected';
import { apiFormErrors, focusFirstInvalid, hasFieldErrors, mergeErrors } from '../../../lib/form-errors';
import { useCreateService } from '../api/create-service';
import { validateService, type ServiceDraft, type ServiceField } from '../organisation-forms';

const API_FIELDS = {
  '/name': { field: 'name', label: 'Name' },
  '/teamId': { field: 'teamId', label: 'Team' },
  '/repositoryPatterns': { field: 'patterns', label: 'Repository patterns' },
} as const;

const EMPTY: ServiceDraft = { name: '', teamId: '', patterns: '' };

interface ServiceFormProps {
  teams: readonly TeamDto[];
  services: readonly ServiceDto[];
}

export function ServiceForm({ teams, services }: ServiceFormProps) {
  const form = useRef<HTMLFormElement>(null);
  const [draft, setDraft] = useState<ServiceDraft>(EMPTY);
  const [local, setLocal] = useState<Partial<Record<ServiceField, string>>>({});
  const [saved, setSaved] = useState<string | null>(null);
  const create = useCreateService();
  const errors = mergeErrors<ServiceField>(local, apiFormErrors<ServiceField>(create.error, API_FIELDS));
  const set = (field: ServiceField) => (event: { target: { value: string } }) => setDraft((current) => ({ ...current, [field]: event.target.value }));

  return (
    <form
      ref={form}
      className="stacked-form"
      aria-label="New service"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setSaved(null);
        create.reset();
        const problems = validateService(draft, services);
        setLocal(problems);
        if (hasFieldErrors(problems)) {
          requestAnimationFrame(() => focusFirstInvalid(form.current));
          return;
        }
        create.mutate(draft, {
          onSuccess: (service) => {
            setDraft(EMPTY);
            setSaved(`Service ${service.name} created.`);
          },
          onError: () => requestAnimationFrame(() => focusFirstInvalid(form.current)),
        });
      }}
    >
      <FormField label="Service name" hint="As uploads name it: --service NAME." error={errors.fields.name}>
        <input type="text" value={draft.name} onChange={set('name')} />
      </FormField>
      <FormField label="Team" hint="The team that owns it; its people and tokens limited to the team see it." error={errors.fields.teamId}>
        <select value={draft.teamId} onChange={set('teamId')}>
          <option value="">No team</option>
          <OptionsWithSelected items={teams} selected={draft.teamId || null} unknownLabel="Unknown team" />
        </select>
      </FormField>
      <FormField
        label="Repository patterns"
        hint="One a line, * for any characters, e.g. github.com/acme/payments-*. Findings from matching repositories belong to this service."
        error={errors.fields.patterns}
      >
        <textarea rows={3} value={draft.patterns} onChange={set('patterns')} />
      </FormField>
      <FormErrorSummary messages={errors.general} />
      <div className="form-actions">
        <button type="submit" className="button" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create service'}
        </button>
        <p className="form-status" role="status">
          {saved}
        </p>
      </div>
    </form>
  );
}
