import { type ModelComponentDto, PWNISMS_LABELS } from '@escapement/domain';
import { useId } from 'react';
import { labelOf } from '../../../lib/finding-labels';

/** Match rules as one line per kind, e.g. "paths: src/auth/**, src/jwt.ts". */
function MatchRules({ match }: { match: ModelComponentDto['match'] }) {
  const kinds = (['services', 'repos', 'paths'] as const).filter((kind) => match[kind].length > 0);
  if (kinds.length === 0) return <span className="muted">Matches nothing</span>;
  return (
    <ul className="plain-list">
      {kinds.map((kind) => (
        <li key={kind}>
          <span className="muted">{kind}:</span> <code>{match[kind].join(', ')}</code>
        </li>
      ))}
    </ul>
  );
}

/** The components of a version with what ties findings to them. */
export function ComponentsTable({ components }: { components: readonly ModelComponentDto[] }) {
  const titleId = useId();
  const names = new Map(components.map((component) => [component.key, component.name]));
  return (
    <section className="card card-table" aria-labelledby={titleId}>
      <header className="card-header">
        <h2 id={titleId}>Components ({components.length})</h2>
      </header>
      {components.length === 0 ? (
        <p className="muted">This version has no components.</p>
      ) : (
        <div className="table-scroll table-wide" data-testid="model-components">
          <table>
            <thead>
              <tr>
                <th scope="col">Component</th>
                <th scope="col">Layer</th>
                <th scope="col">Type</th>
                <th scope="col">Trust zone</th>
                <th scope="col">Part of</th>
                <th scope="col">Match rules</th>
              </tr>
            </thead>
            <tbody>
              {components.map((component) => (
                <tr key={component.key}>
                  <th scope="row">
                    {component.name}
                    <span className="header-note">
                      <code>{component.key}</code>
                    </span>
                  </th>
                  <td>{labelOf(PWNISMS_LABELS, component.layer)}</td>
                  <td>{component.type ?? '–'}</td>
                  <td>{component.trustZone ?? '–'}</td>
                  <td>{component.parent ? (names.get(component.parent) ?? component.parent) : '–'}</td>
                  <td>
                    <MatchRules match={component.match} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
