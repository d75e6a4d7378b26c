import {
  DETECTION_STAGES,
  isDetectionStage,
  PRIMARY_FINDING_CLASSES,
  type AdoptionDto,
  type DetectionStage,
  type PrimaryFindingClass,
  type TeamDto,
} from '@escapement/domain';
import { useId } from 'react';
import { formatDate } from '../../../lib/format';
import { STAGE_LABELS } from '../../../lib/stage-labels';
import { IMPACT_CLASS_LABELS } from './impact-bars-chart';

/** The adoption (or team), whether to pool every adoption of its practice, and exploratory settings (null: as recorded). */
export interface AdoptionSelection {
  adoption: string | null;
  team: string | null;
  pooled: boolean;
  boundary: DetectionStage | null;
  findingClass: PrimaryFindingClass | null;
}

interface AdoptionPickerProps {
  selection: AdoptionSelection;
  adoptions: readonly AdoptionDto[];
  teams: readonly TeamDto[];
  /** The practice pooling would analyse, once known. */
  practice: string | null;
  onChange: (next: AdoptionSelection) => void;
}

function adoptionLabel(adoption: AdoptionDto): string {
  const who = adoption.teamName ?? adoption.serviceName ?? 'Unknown';
  return `${who}: ${adoption.practice}, since ${formatDate(adoption.startedAt)}`;
}

/**
 * An adoption, or a team (meaning its first adoption); this adoption alone or every adoption of its practice;
 * and the exploratory settings, which leave the primary analysis when changed.
 */
export function AdoptionPicker({ selection, adoptions, teams, practice, onChange }: AdoptionPickerProps) {
  const id = useId();
  const chronological = [...adoptions].sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  const adoptingTeams = teams.filter((team) => adoptions.some((adoption) => adoption.teamId === team.id));
  return (
    <form className="filter-bar impact-picker" aria-label="Adoption" onSubmit={(event) => event.preventDefault()}>
      <div className="field">
        <label htmlFor={`${id}-adoption`}>Adoption</label>
        <select
          id={`${id}-adoption`}
          value={selection.adoption ?? ''}
          onChange={(event) => onChange({ ...selection, adoption: event.target.value || null, team: null })}
        >
          <option value="">{selection.team ? 'The team’s first adoption' : 'Choose an adoption'}</option>
          {chronological.map((adoption) => (
            <option key={adoption.id} value={adoption.id}>
              {adoptionLabel(adoption)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-team`}>Or a team</label>
        <select
          id={`${id}-team`}
          value={selection.team ?? ''}
          aria-describedby={`${id}-team-hint`}
          onChange={(event) => onChange({ ...selection, team: event.target.value || null, adoption: null })}
        >
          <option value="">Any team</option>
          {adoptingTeams.map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
        </select>
        <span id={`${id}-team-hint`} className="field-hint">
          Its first adoption
        </span>
      </div>
      <fieldset className="field impact-scope">
        <legend>Verdict for</legend>
        <label>
          <input type="radio" name={`${id}-scope`} checked={!selection.pooled} onChange={() => onChange({ ...selection, pooled: false })} /> This adoption
        </label>
        <label>
          <input type="radio" name={`${id}-scope`} checked={selection.pooled} onChange={() => onChange({ ...selection, pooled: true })} /> Every adoption of{' '}
          {practice ?? 'the practice'}, pooled
        </label>
      </fieldset>
      <fieldset className="impact-exploratory">
        <legend>Exploratory settings</legend>
        <p className="field-hint">Changing these leaves the primary analysis recorded on the adoption: the verdict is then labelled exploratory.</p>
        <div className="field">
          <label htmlFor={`${id}-boundary`}>Escape boundary</label>
          <select
            id={`${id}-boundary`}
            value={selection.boundary ?? ''}
            onChange={(event) => {
              const boundary = event.target.value;
              onChange({ ...selection, boundary: isDetectionStage(boundary) ? boundary : null });
            }}
          >
            <option value="">As recorded (primary)</option>
            {DETECTION_STAGES.map((stage) => (
              <option key={stage} value={stage}>
                {STAGE_LABELS[stage]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-class`}>Finding class</label>
          <select
            id={`${id}-class`}
            value={selection.findingClass ?? ''}
            onChange={(event) => {
              const value = event.target.value;
              onChange({ ...selection, findingClass: (PRIMARY_FINDING_CLASSES as readonly string[]).includes(value) ? (value as PrimaryFindingClass) : null });
            }}
          >
            <option value="">As recorded (primary)</option>
            {PRIMARY_FINDING_CLASSES.map((cls) => (
              <option key={cls} value={cls}>
                {IMPACT_CLASS_LABELS[cls]}
              </option>
            ))}
          </select>
        </div>
      </fieldset>
    </form>
  );
}
