import { useId, useState } from 'react';
import { ConfirmButton } from '../../../components/ui/confirm-button';
import { useRowConfirmation } from '../../../components/ui/use-row-confirmation';
import { FormErrorSummary } from '../../../components/ui/form-field';
import { QueryContent } from '../../../components/ui/query-content';
import { categoryLabel, CLASS_LABELS } from '../../../lib/finding-labels';
import { formatDay } from '../../../lib/format';
import { useDeleteRule } from '../api/delete-rule';
import { useRules } from '../api/get-rules';
import { matchSummary, reclassifiedMessage } from '../rule-form';
import { RuleForm } from './rule-form';

/** Workspace rules, in the order they are tried, and the form that adds one. */
export function RulesPanel() {
  const listTitle = useId();
  const formTitle = useId();
  const rules = useRules();
  const remove = useDeleteRule();
  const [deleted, setDeleted] = useState<string | null>(null);
  const confirmation = useRowConfirmation(remove, {
    onOpen: () => setDeleted(null),
    onDone: ({ reclassified }) => setDeleted(reclassifiedMessage('deleted', reclassified)),
  });

  return (
    <div className="settings-grid">
      <section className="card" aria-labelledby={listTitle}>
        <h2 id={listTitle}>Classification rules</h2>
        <p className="muted small">Tried in order before the built-in rules; the first that matches decides a finding&apos;s class.</p>
        <p className="form-status" role="status">
          {deleted}
        </p>
        <FormErrorSummary messages={remove.error ? [remove.error.message] : []} />
        <QueryContent
          query={rules}
          what="the classification rules"
          empty={{
            title: 'No workspace rules',
            body: <p>The built-in CWE rules decide every class. Add a rule when your own scanner rules need another answer.</p>,
          }}
        >
          {(items) => (
            <div className="table-scroll">
              <table className="plain-table" data-testid="rules-table">
                <thead>
                  <tr>
                    <th scope="col">Matches</th>
                    <th scope="col">Class</th>
                    <th scope="col">Category</th>
                    <th scope="col">Reason</th>
                    <th scope="col">Added</th>
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {[...items]
                    .sort((a, b) => a.position - b.position)
                    .map((rule) => (
                      <tr key={rule.id} data-rule-id={rule.id}>
                        <td>{matchSummary(rule.match)}</td>
                        <td>{CLASS_LABELS[rule.findingClass]}</td>
                        <td>{rule.category ? categoryLabel(rule.category) : '–'}</td>
                        <td>{rule.reason ?? '–'}</td>
                        <td>{formatDay(rule.createdAt)}</td>
                        <td>
                          <ConfirmButton question="Delete this rule?" confirmLabel="Delete rule" {...confirmation(rule.id)}>
                            Delete
                          </ConfirmButton>
                        </td>
                      </tr>
                    ))}
                </tbody>
              </table>
            </div>
          )}
        </QueryContent>
      </section>
      <section className="card" aria-labelledby={formTitle}>
        <h2 id={formTitle}>New rule</h2>
        <RuleForm />
      </section>
    </div>
  );
}
