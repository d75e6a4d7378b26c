import { type ModelComponentDto, type ModelThreatDto, PWNISMS_LABELS } from '@escapement/domain';
import { useId } from 'react';
import { Badge } from '../../../components/ui/badge';
import { formatDay } from '../../../lib/format';
import { categoryLabel, labelOf, SEVERITY_LABELS, STRIDE_LABELS } from '../../../lib/finding-labels';

/** The threats of a version: what they threaten, how they are classified, and how far they are mitigated. */
export function ThreatsTable({ threats, components }: { threats: readonly ModelThreatDto[]; components: readonly ModelComponentDto[] }) {
  const titleId = useId();
  const names = new Map(components.map((component) => [component.key, component.name]));
  return (
    <section className="card card-table" aria-labelledby={titleId}>
      <header className="card-header">
        <h2 id={titleId}>Threats ({threats.length})</h2>
      </header>
      {threats.length === 0 ? (
        <p className="muted">This version names no threats: every escape in its components is a model gap.</p>
      ) : (
        <div className="table-scroll table-wide" data-testid="model-threats">
          <table>
            <thead>
              <tr>
                <th scope="col" className="col-title">
                  Threat
                </th>
                <th scope="col">Components</th>
                <th scope="col">STRIDE</th>
                <th scope="col">Layer</th>
                <th scope="col">CWE</th>
                <th scope="col">Severity</th>
                <th scope="col">Status</th>
                <th scope="col">Mitigations</th>
                <th scope="col">In the model since</th>
              </tr>
            </thead>
            <tbody>
              {threats.map((threat) => (
                <tr key={threat.key}>
                  <th scope="row" className="col-title">
                    {threat.title}
                    <span className="header-note">
                      <code>{threat.key}</code>
                    </span>
                  </th>
                  <td>{threat.components.length ? threat.components.map((key) => names.get(key) ?? key).join(', ') : 'Whole system'}</td>
                  <td>{labelOf(STRIDE_LABELS, threat.stride)}</td>
                  <td>{labelOf(PWNISMS_LABELS, threat.layer)}</td>
                  <td className="nowrap">{threat.cweIds.length ? threat.cweIds.map((cwe) => `CWE-${cwe}`).join(', ') : '–'}</td>
                  <td>{threat.severity ? <Badge tone={`severity-${threat.severity}`}>{labelOf(SEVERITY_LABELS, threat.severity)}</Badge> : '–'}</td>
                  <td>{categoryLabel(threat.status)}</td>
                  <td>
                    {threat.mitigations.length === 0 ? (
                      <span className="muted">None</span>
                    ) : (
                      <ul className="plain-list">
                        {threat.mitigations.map((mitigation) => (
                          <li key={mitigation.key}>
                            {mitigation.title}
                            {mitigation.status ? <span className="muted small"> ({categoryLabel(mitigation.status).toLowerCase()})</span> : null}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td className="nowrap">{formatDay(threat.firstEffectiveFrom)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
