import { DETECTION_STAGES, isDetectionStage, type AdoptionDto, type DetectionStage, type TeamDto } from '@escapement/domain';
import { useId } from 'react';
import { formatDate } from '../../../lib/format';
import { STAGE_LABELS } from '../../../lib/stage-labels';

export interface AdoptionSelection {
  adoption: string | null;
  team: string | null;
  boundary: DetectionStage;
}

interface AdoptionPickerProps {
  selection: AdoptionSelection;
  adoptions: readonly AdoptionDto[];
  teams: readonly TeamDto[];
  onChange: (next: AdoptionSelection) => void;
}

function adoptionLabel(adoption: AdoptionDto): string {
  const who = adoption.teamName ?? adoption.serviceName ?? 'Unknown';
  return `${who}: ${adoption.practice}, since ${formatDate(adoption.startedAt)}`;
}

/** An adoption, or a team (meaning its first adoption), and the escape boundary; each choice replaces the other. */
export function AdoptionPicker({ selection, adoptions, teams, onChange }: AdoptionPickerProps) {
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
      <div className="field">
        <label htmlFor={`${id}-boundary`}>Escape boundary</label>
        <select
          id={`${id}-boundary`}
          value={selection.boundary}
          onChange={(event) => {
            const boundary = event.target.value;
            if (isDetectionStage(boundary)) onChange({ ...selection, boundary });
          }}
        >
          {DETECTION_STAGES.map((stage) => (
            <option key={stage} value={stage}>
              {STAGE_LABELS[stage]}
            </option>
          ))}
        </select>
      </div>
    </form>
  );
}
