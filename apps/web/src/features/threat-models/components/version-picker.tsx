import { useId } from 'react';
import { formatDay } from '../../../lib/format';
import type { ThreatModelVersionDto } from '@escapement/domain';

interface VersionPickerProps {
  versions: readonly ThreatModelVersionDto[];
  selected: ThreatModelVersionDto;
  onSelect: (version: number) => void;
}

/** Versions newest first, each named by its number and the date it took effect. */
export function VersionPicker({ versions, selected, onSelect }: VersionPickerProps) {
  const id = useId();
  const newestFirst = [...versions].sort((a, b) => b.version - a.version);
  return (
    <div className="version-picker">
      <div className="field">
        <label htmlFor={id}>Version</label>
        <select id={id} value={selected.version} onChange={(event) => onSelect(Number(event.target.value))}>
          {newestFirst.map((version) => (
            <option key={version.id} value={version.version}>
              {`v${version.version} · effective ${formatDay(version.effectiveFrom)}${version.sourceVersion ? ` · “${version.sourceVersion}”` : ''}`}
            </option>
          ))}
        </select>
      </div>
      <dl className="facts facts-inline">
        <div>
          <dt>Components</dt>
          <dd>{selected.counts.components}</dd>
        </div>
        <div>
          <dt>Threats</dt>
          <dd>{selected.counts.threats}</dd>
        </div>
        <div>
          <dt>Trust zones</dt>
          <dd>{selected.counts.trustZones}</dd>
        </div>
        <div>
          <dt>Boundaries</dt>
          <dd>{selected.counts.trustBoundaries}</dd>
        </div>
        <div>
          <dt>Imported</dt>
          <dd>
            {formatDay(selected.importedAt)} · {selected.format}
            {selected.fileName ? ` · ${selected.fileName}` : ''}
          </dd>
        </div>
      </dl>
    </div>
  );
}
