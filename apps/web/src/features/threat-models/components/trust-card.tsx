import type { TrustBoundaryDto, TrustZoneDto } from '@escapement/domain';
import { useId } from 'react';
import { zoneName, zonesLeastTrustedFirst } from '../trust-elements';

/** Trust zones, least trusted first, and the boundaries between them with the components that cross. */
export function TrustCard({ zones: unordered, boundaries }: { zones: readonly TrustZoneDto[]; boundaries: readonly TrustBoundaryDto[] }) {
  const titleId = useId();
  const zones = zonesLeastTrustedFirst(unordered);
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
                  {zoneName(zones, boundary.fromZone)} → {zoneName(zones, boundary.toZone)}
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
