import type { AdoptionDto } from '@escapement/domain';
import { useState } from 'react';
import { FormErrorSummary, FormField } from '../../../components/ui/form-field';
import { apiFormErrors } from '../../../lib/form-errors';
import { adoptionChanges, retireProblem, validateAdoptionEdit } from '../adoption-form';
import { useRetireAdoption, useUpdateAdoption } from '../api/change-adoption';

interface RowEditorProps {
  adoption: AdoptionDto;
  onClose: () => void;
}

/** Corrects a mistyped practice or start date in place. */
export function AdoptionEditor({ adoption, onClose }: RowEditorProps) {
  const [practice, setPractice] = useState(adoption.practice);
  const [startedAt, setStartedAt] = useState(adoption.startedAt);
  const [local, setLocal] = useState<Partial<Record<'practice' | 'startedAt', string>>>({});
  const update = useUpdateAdoption();
  const api = apiFormErrors<'practice' | 'startedAt'>(update.error, {
    '/practice': { field: 'practice', label: 'Practice' },
    '/startedAt': { field: 'startedAt', label: 'Start date' },
  });
  const errors = { ...api.fields, ...local };

  return (
    <div className="row-editor" role="group" aria-label={`Correct the adoption of ${adoption.teamName ?? adoption.serviceName}`}>
      <FormField label="Practice" error={errors.practice}>
        <input type="text" value={practice} onChange={(event) => setPractice(event.target.value)} />
      </FormField>
      <FormField label="Start date" error={errors.startedAt}>
        <input type="date" value={startedAt} onChange={(event) => setStartedAt(event.target.value)} />
      </FormField>
      <FormErrorSummary messages={api.general} />
      <div className="form-actions">
        <button
          type="button"
          className="button"
          disabled={update.isPending}
          onClick={() => {
            const problems = validateAdoptionEdit({ practice, startedAt }, adoption.retiredAt);
            setLocal(problems);
            if (problems.practice || problems.startedAt) return;
            const changes = adoptionChanges(adoption, { practice, startedAt });
            if (changes === null) onClose();
            else update.mutate({ id: adoption.id, changes }, { onSuccess: onClose });
          }}
        >
          {update.isPending ? 'Saving…' : 'Save'}
        </button>
        <button type="button" className="button button-quiet" onClick={onClose}>
          Cancel
        </button>
      </div>
    </div>
  );
}

/** Ends an adoption on a date; it stays listed, so the metrics can still compare around it. */
export function AdoptionRetirer({ adoption, onClose }: RowEditorProps) {
  const [retiredAt, setRetiredAt] = useState(new Date().toISOString().slice(0, 10));
  const [problem, setProblem] = useState<string | null>(null);
  const retire = useRetireAdoption();
  const api = apiFormErrors<'retiredAt'>(retire.error, { '/retiredAt': { field: 'retiredAt', label: 'End date' } });

  return (
    <div className="row-editor" role="group" aria-label={`Retire the adoption of ${adoption.teamName ?? adoption.serviceName}`}>
      <FormField label="End date" hint="The last day the practice was in use." error={problem ?? api.fields.retiredAt}>
        <input type="date" value={retiredAt} onChange={(event) => setRetiredAt(event.target.value)} />
      </FormField>
      <FormErrorSummary messages={api.general} />
      <div className="form-actions">
        <button
          type="button"
          className="button button-danger"
          disabled={retire.isPending}
          onClick={() => {
            const found = retireProblem(retiredAt, adoption.startedAt);
            setProblem(found);
            if (found === null) retire.mutate({ id: adoption.id, retiredAt }, { onSuccess: onClose });
          }}
        >
          {retire.isPending ? 'Retiring…' : 'Retire adoption'}
        </button>
        <button type="button" className="button button-quiet" onClick={onClose}>
          Cancel
        </button>
      </div>
    </div>
  );
}
