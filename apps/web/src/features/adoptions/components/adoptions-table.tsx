import type { AdoptionDto } from '@escapement/domain';
import { useState } from 'react';
import { formatDate, formatDay } from '../../../lib/format';
import { adopterLabel, sortAdoptions } from '../adoption-form';
import { describePrimaryAnalysis } from '../primary-analysis-text';
import { AdoptionEditor, AdoptionRetirer } from './adoption-row-actions';

interface AdoptionsTableProps {
  adoptions: readonly AdoptionDto[];
  /** Whether the signed-in role may correct and retire adoptions. */
  canChange: boolean;
}

/** Every recorded adoption, the latest start first; ended ones keep their place with their end date. */
export function AdoptionsTable({ adoptions, canChange }: AdoptionsTableProps) {
  const [open, setOpen] = useState<{ id: string; action: 'edit' | 'retire' } | null>(null);
  return (
    <div className="table-scroll">
      <table className="plain-table" data-testid="adoptions-table">
        <thead>
          <tr>
            <th scope="col">Adopted by</th>
            <th scope="col">Practice</th>
            <th scope="col">Started</th>
            <th scope="col">Ended</th>
            <th scope="col" title="Fixed when the adoption was recorded, before its after-window had findings">
              Primary analysis
            </th>
            {canChange && (
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {sortAdoptions(adoptions).map((adoption) => (
            <tr key={adoption.id} data-adoption-id={adoption.id}>
              <td>{adopterLabel(adoption)}</td>
              <td>
                <code>{adoption.practice}</code>
              </td>
              <td title={`Recorded ${formatDay(adoption.createdAt)}`}>{formatDate(adoption.startedAt)}</td>
              <td>{adoption.retiredAt ? formatDate(adoption.retiredAt) : <span className="muted">Ongoing</span>}</td>
              <td className="small" data-testid="primary-analysis">
                {describePrimaryAnalysis(adoption.primaryAnalysis)}
              </td>
              {canChange && (
                <td>
                  {open?.id === adoption.id ? (
                    open.action === 'edit' ? (
                      <AdoptionEditor adoption={adoption} onClose={() => setOpen(null)} />
                    ) : (
                      <AdoptionRetirer adoption={adoption} onClose={() => setOpen(null)} />
                    )
                  ) : (
                    <span className="confirm">
                      <button type="button" className="button button-quiet" onClick={() => setOpen({ id: adoption.id, action: 'edit' })}>
                        Correct
                      </button>
                      {adoption.retiredAt === null && (
                        <button type="button" className="button button-quiet" onClick={() => setOpen({ id: adoption.id, action: 'retire' })}>
                          Retire
                        </button>
                      )}
                    </span>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
