import { FINDING_CLASSES, type FindingClass } from '@escapement/domain';
import { useEffect, useId, useState } from 'react';
import { CLASS_LABELS } from '../../../lib/finding-labels';
import { useClearClassificationOverride, useOverrideClassification } from '../api/set-classification';
import { fieldErrors } from '../problem-fields';

interface OverrideFormProps {
  findingId: string;
  currentClass: FindingClass;
  overridden: boolean;
}

const FIELD_LABELS = { findingClass: 'Class', reason: 'Reason' };

/** What each class means, under its choice, so the person choosing need not look it up. */
const CLASS_HINTS: Record<FindingClass, string> = {
  design: 'Only what the system is meant to do says it is wrong: authorization, trust boundaries, business logic.',
  pattern: 'The code itself shows it: injection, unsafe calls, hard-coded secrets. Scanners can catch it.',
  unclassified: 'Neither can be said with confidence.',
};

/**
 * A person's decision on the class, with the reason that the audit log keeps. "Return to rules" undoes
 * it and lets the classification rules decide again.
 */
export function OverrideForm({ findingId, currentClass, overridden }: OverrideFormProps) {
  const id = useId();
  const [findingClass, setFindingClass] = useState<FindingClass>(currentClass);
  const [reason, setReason] = useState('');
  const [blankReason, setBlankReason] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  // After a save or a return to the rules the class comes back from the API: the choice follows it.
  useEffect(() => setFindingClass(currentClass), [currentClass]);
  const override = useOverrideClassification(findingId);
  const clear = useClearClassificationOverride(findingId);
  const errors = fieldErrors(override.error ?? clear.error, FIELD_LABELS);
  const reasonErrors = [...(blankReason ? ['Give a reason: it is kept with the decision for whoever reviews it.'] : []), ...(errors.fields.reason ?? [])];
  const classErrors = errors.fields.findingClass ?? [];
  const pending = override.isPending || clear.isPending;

  return (
    <form
      className="override-form"
      aria-labelledby={`${id}-title`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setSaved(null);
        clear.reset();
        if (reason.trim() === '') {
          setBlankReason(true);
          return;
        }
        setBlankReason(false);
        override.mutate(
          { findingClass, reason: reason.trim() },
          {
            onSuccess: () => {
              setReason('');
              setSaved(`Saved: ${CLASS_LABELS[findingClass]}, decided by a person.`);
            },
          },
        );
      }}
    >
      <h3 id={`${id}-title`}>Override the class</h3>
      <fieldset
        className="radio-group"
        aria-describedby={classErrors.length ? `${id}-class-errors` : undefined}
        aria-invalid={classErrors.length > 0 || undefined}
      >
        <legend>Class</legend>
        {FINDING_CLASSES.map((value) => (
          <label key={value} className="radio">
            <input type="radio" name={`${id}-class`} value={value} checked={findingClass === value} onChange={() => setFindingClass(value)} />
            <span>
              <span className="radio-label">{CLASS_LABELS[value]}</span>
              <span className="field-hint">{CLASS_HINTS[value]}</span>
            </span>
          </label>
        ))}
        <FieldErrorList id={`${id}-class-errors`} messages={classErrors} />
      </fieldset>

      <div className="field">
        <label htmlFor={`${id}-reason`}>Reason (required)</label>
        <textarea
          id={`${id}-reason`}
          rows={3}
          value={reason}
          required
          aria-invalid={reasonErrors.length > 0 || undefined}
          aria-describedby={`${id}-reason-hint${reasonErrors.length ? ` ${id}-reason-errors` : ''}`}
          onChange={(event) => {
            setReason(event.target.value);
            if (event.target.value.trim() !== '') setBlankReason(false);
          }}
        />
        <span id={`${id}-reason-hint`} className="field-hint">
          Why this class and not the rule&apos;s, e.g. &quot;the check is missing because the spec never said who may refund&quot;.
        </span>
        <FieldErrorList id={`${id}-reason-errors`} messages={reasonErrors} />
      </div>

      {errors.general.length > 0 && (
        <div className="form-error" role="alert">
          {errors.general.map((message) => (
            <p key={message}>{message}</p>
          ))}
        </div>
      )}

      <div className="form-actions">
        <button type="submit" className="button" disabled={pending}>
          {override.isPending ? 'Saving…' : 'Save override'}
        </button>
        {overridden && (
          <button
            type="button"
            className="button button-quiet"
            disabled={pending}
            onClick={() => {
              setSaved(null);
              override.reset();
              clear.mutate(undefined, { onSuccess: () => setSaved('Returned to the rules: they decide the class again.') });
            }}
          >
            {clear.isPending ? 'Returning…' : 'Return to rules'}
          </button>
        )}
        <p className="form-status" role="status">
          {saved}
        </p>
      </div>
    </form>
  );
}

function FieldErrorList({ id, messages }: { id: string; messages: readonly string[] }) {
  if (messages.length === 0) return null;
  return (
    <ul id={id} className="field-errors">
      {messages.map((message) => (
        <li key={message}>{message}</li>
      ))}
    </ul>
  );
}
