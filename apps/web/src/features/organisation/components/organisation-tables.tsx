import type { ServiceDto, TeamDto } from '@escapement/domain';
import { formatDay } from '../../../lib/format';

/** Teams with how many services each owns, by name. */
export function TeamsTable({ teams, services }: { teams: readonly TeamDto[]; services: readonly ServiceDto[] }) {
  const sorted = [...teams].sort((a, b) => a.name.localeCompare(b.name));
  return (
    // Focusable, so that keyboard users can scroll a list longer than its box.
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Teams">
      <table className="plain-table" data-testid="teams-table">
        <thead>
          <tr>
            <th scope="col">Team</th>
            <th scope="col" className="numeric">
              Services
            </th>
            <th scope="col">Created</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((team) => (
            <tr key={team.id} data-team-id={team.id}>
              <td>{team.name}</td>
              <td className="numeric">{services.filter((service) => service.teamId === team.id).length}</td>
              <td>{formatDay(team.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Services with their team and the repositories that feed them, by name. */
export function ServicesTable({ services }: { services: readonly ServiceDto[] }) {
  const sorted = [...services].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Services">
      <table className="plain-table" data-testid="services-table">
        <thead>
          <tr>
            <th scope="col">Service</th>
            <th scope="col">Team</th>
            <th scope="col">Repository patterns</th>
            <th scope="col">Created</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((service) => (
            <tr key={service.id} data-service-id={service.id}>
              <td>{service.name}</td>
              <td>{service.teamName ?? <span className="muted">No team</span>}</td>
              <td>
                {service.repositoryPatterns.length === 0 ? (
                  <span className="muted">None: uploads name the service</span>
                ) : (
                  <ul className="plain-list">
                    {service.repositoryPatterns.map((pattern) => (
                      <li key={pattern}>
                        <code>{pattern}</code>
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              <td>{formatDay(service.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
