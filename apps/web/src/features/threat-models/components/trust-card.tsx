import { useId } from 'react';
import { readAll, readTrustBoundary, readTrustZone } from '../trust-elements';

/** Trust zones, least trusted first, and the boundaries between them with the components that cross. */
export function TrustCard({ zones: rawZones, boundaries: rawBoundaries }: { zones: readonly unknown[]; boundaries: readonly unknown[] }) {
  const titleId = useId();
  const zones = readAll(rawZones, readTrustZone).sort((a, b) => (a.trustRating ?? 101) - (b.trustRating ?? 101) || a.name.localeCompare(b.name));
  const boundaries = readAll(rawBoundaries, readTrustBoundary);
  const zoneName = (key: string | null) => (key === null ? '?' : (zones.find((zone) => zone.key === key)?.name ?? key));
  if (zones.length === 0 && boundaries.length === 0) return null;
  return (
    <section className="card" aria-labelledby={titleId}>
      <header className="card-header">
        <h2 id={titleId}>Trust zones and boundaries</h2>
      </header>
      <div className="two-columns">
        <div>
          <h3 className="subheading">Zones</h3>
          <ul className="plain-list">
            {zones.map((zone) => (
              <li key={zone.key}>
                {zone.name} <span className="muted small">{zone.trustRating === null ? '' : `trust ${zone.trustRating}/100`}</span>
              </li>
            ))}
          </ul>
        </div>
        <div>
          <h3 className="subheading">Boundaries</h3>
          <ul className="plain-list">
            {boundaries.map((boundary) => (
              <li key={boundary.key}>
                {boundary.name}{' '}
                <span className="muted small">
                  {zoneName(boundary.fromZone)} → {zoneName(boundary.toZone)}
                  {boundary.crossing.length ? ` · crossed by ${boundary.crossing.join(', ')}` : ''}
                </span>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </section>
  );
}
