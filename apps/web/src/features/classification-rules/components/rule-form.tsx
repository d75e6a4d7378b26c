import { FINDING_CATEGORIES, FINDING_CLASSES } from '@escapement/domain';
import { useRef, useState } from 'react';
import { EnumSelect } from '../../../components/ui/enum-select';
import { FormErrorSummary, FormField } from '../../../components/ui/form-field';
import { categoryLabel, CLASS_LABELS } from '../../../lib/finding-labels';
import { apiFormErrors, focusFirstInvalid, hasFieldErrors, mergeErrors } from '../../../lib/form-errors';
import { useCreateRule } from '../api/create-rule';
import { EMPTY_RULE_DRAFT, reclassifiedMessage, ruleRequest, validateRule, type RuleDraft, type RuleField } from '../rule-form';

const API_FIELDS = {
  '/match': { field: 'ruleId', label: 'Match' },
  '/match/ruleId': { field: 'ruleId', label: 'Rule id' },
  '/match/tool': { field: 'tool', label: 'Tool' },
  '/match/cweId': { field: 'cweId', label: 'CWE' },
  '/findingClass': { field: 'findingClass', label: 'Class' },
  '/category': { field: 'category', label: 'Category' },
  '/reason': { field: 'reason', label: 'Reason' },
} as const;

/** Adds a workspace rule; the answer says how many stored findings it moved to another class. */
export function RuleForm() {
  const form = useRef<HTMLFormElement>(null);
  const [draft, setDraft] = useState<RuleDraft>(EMPTY_RULE_DRAFT);
  const [local, setLocal] = useState<Partial<Record<RuleField, string>>>({});
  const [saved, setSaved] = useState<string | null>(null);
  const create = useCreateRule();
  const errors = mergeErrors<RuleField>(local, apiFormErrors<RuleField>(create.error, API_FIELDS));
  const set = (field: RuleField) => (event: { target: { value: string } }) => setDraft((current) => ({ ...current, [field]: event.target.value }));

  return (
    <form
      ref={form}
      className="stacked-form"
      aria-label="New classification rule"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setSaved(null);
        create.reset();
        const problems = validateRule(draft);
        setLocal(problems);
        if (hasFieldErrors(problems)) {
          requestAnimationFrame(() => focusFirstInvalid(form.current));
          return;
        }
        create.mutate(ruleRequest(draft), {
          onSuccess: ({ reclassified }) => {
            setDraft(EMPTY_RULE_DRAFT);
            setSaved(reclassifiedMessage('added', reclassified));
          },
          onError: () => requestAnimationFrame(() => focusFirstInvalid(form.current)),
        });
      }}
    >
      <p className="muted small">Every condition given must match. A person&apos;s override on a finding still wins over rules.</p>
      <FormField label="Rule id" hint="The scanner's rule id, exact or with * (semgrep.acme.authz.*)." error={errors.fields.ruleId}>
        <input type="text" value={draft.ruleId} onChange={set('ruleId')} />
      </FormField>
      <FormField label="Tool" hint="As the SARIF names it, any case (semgrep, CodeQL)." error={errors.fields.tool}>
        <input type="text" value={draft.tool} onChange={set('tool')} />
      </FormField>
      <FormField label="CWE" hint="e.g. 639 or CWE-639." error={errors.fields.cweId}>
        <input type="text" inputMode="numeric" value={draft.cweId} onChange={set('cweId')} />
      </FormField>
      <FormField label="Class" error={errors.fields.findingClass}>
        <EnumSelect
          values={FINDING_CLASSES}
          value={draft.findingClass}
          label={(value) => CLASS_LABELS[value]}
          onChange={(findingClass) => setDraft((current) => ({ ...current, findingClass }))}
        />
      </FormField>
      <FormField label="Category" error={errors.fields.category}>
        <EnumSelect
          values={FINDING_CATEGORIES}
          value={draft.category}
          none="Keep the finding's own"
          label={categoryLabel}
          onChange={(category) => setDraft((current) => ({ ...current, category }))}
        />
      </FormField>
      <FormField label="Reason" hint="Shown on each finding the rule classifies." error={errors.fields.reason}>
        <textarea rows={2} value={draft.reason} onChange={set('reason')} />
      </FormField>
      <FormErrorSummary messages={errors.general} />
      <div className="form-actions">
        <button type="submit" className="button" disabled={create.isPending}>
          {create.isPending ? 'Adding and re-classifying…' : 'Add rule'}
        </button>
        <p className="form-status" role="status" data-testid="rule-saved">
          {saved}
        </p>
      </div>
    </form>
  );
}
