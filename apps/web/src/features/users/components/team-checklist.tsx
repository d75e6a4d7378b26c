import type { TeamDto } from '@escapement/domain';

interface TeamChecklistProps {
  legend: string;
  teams: readonly TeamDto[];
  selected: readonly string[];
  onChange: (teamIds: string[]) => void;
  error?: string;
  errorId: string;
  disabled?: boolean;
}

/** Teams as checkboxes: a person may be limited to several. */
export function TeamChecklist({ legend, teams, selected, onChange, error, errorId, disabled }: TeamChecklistProps) {
  return (
    <fieldset
      className="checkbox-group"
      disabled={disabled}
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? errorId : undefined}
      tabIndex={error ? -1 : undefined}
    >
      <legend>{legend}</legend>
      {teams.length === 0 && <p className="muted small">No teams yet: create them under Teams & services.</p>}
      {[...teams]
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((team) => (
          <label key={team.id} className="radio-inline">
            <input
              type="checkbox"
              checked={selected.includes(team.id)}
              onChange={(event) => onChange(event.target.checked ? [...selected, team.id] : selected.filter((id) => id !== team.id))}
            />
            <span>{team.name}</span>
          </label>
        ))}
      {error && (
        <p id={errorId} className="field-errors">
          {error}
        </p>
      )}
    </fieldset>
  );
}
