import type { AdoptionDto } from '@escapement/domain';
import { formatDate, formatDay } from '../../../lib/format';
import { adopterLabel, sortAdoptions } from '../adoption-form';

/** Every recorded adoption, the latest start first. */
export function AdoptionsTable({ adoptions }: { adoptions: readonly AdoptionDto[] }) {
  return (
    <div className="table-scroll">
      <table className="plain-table" data-testid="adoptions-table">
        <thead>
          <tr>
            <th scope="col">Adopted by</th>
            <th scope="col">Practice</th>
            <th scope="col">Started</th>
            <th scope="col">Recorded</th>
          </tr>
        </thead>
        <tbody>
          {sortAdoptions(adoptions).map((adoption) => (
            <tr key={adoption.id} data-adoption-id={adoption.id}>
              <td>{adopterLabel(adoption)}</td>
              <td>
                <code>{adoption.practice}</code>
              </td>
              <td>{formatDate(adoption.startedAt)}</td>
              <td>{formatDay(adoption.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
