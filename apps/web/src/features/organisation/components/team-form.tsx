import type { TeamDto } from '@escapement/domain';
import { useRef, useState } from 'react';
import { FormErrorSummary, FormField } from '../../../components/ui/form-field';
import { apiFormErrors, focusFirstInvalid, mergeErrors } from '../../../lib/form-errors';
import { useCreateTeam } from '../api/create-team';
import { isTaken, nameProblem } from '../organisation-forms';

const API_FIELDS = { '/name': { field: 'name', label: 'Name' } } as const;

export function TeamForm({ teams }: { teams: readonly TeamDto[] }) {
  const form = useRef<HTMLFormElement>(null);
  const [name, setName] = useState('');
  const [local, setLocal] = useState<{ name?: string }>({});
  const [saved, setSaved] = useState<string | null>(null);
  const create = useCreateTeam();
  const errors = mergeErrors<'name'>(local, apiFormErrors<'name'>(create.error, API_FIELDS));

  return (
    <form
      ref={form}
      className="inline-form"
      aria-label="New team"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setSaved(null);
        create.reset();
        const problem = nameProblem(name, 'team') ?? (isTaken(name, teams) ? 'A team of this name exists already.' : null);
        setLocal(problem ? { name: problem } : {});
        if (problem) {
          requestAnimationFrame(() => focusFirstInvalid(form.current));
          return;
        }
        create.mutate(name.trim(), {
          onSuccess: (team) => {
            setName('');
            setSaved(`Team ${team.name} created.`);
          },
          onError: () => requestAnimationFrame(() => focusFirstInvalid(form.current)),
        });
      }}
    >
      <FormField label="Team name" error={errors.fields.name}>
        <input type="text" value={name} onChange={(event) => setName(event.target.value)} />
      </FormField>
      <div className="form-actions">
        <button type="submit" className="button" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create team'}
        </button>
        <p className="form-status" role="status">
          {saved}
        </p>
      </div>
      <FormErrorSummary messages={errors.general} />
    </form>
  );
}
