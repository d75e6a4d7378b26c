import { DETECTION_STAGES, isDetectionStage, type ServiceDto, type TeamDto } from '@escapement/domain';
import type { UseQueryResult } from '@tanstack/react-query';
import { useId } from 'react';
import { STAGE_LABELS } from '../../../lib/stage-labels';
import { DateFilterInput } from '../../../components/ui/date-filter-input';
import { OptionsWithSelected } from '../../../components/ui/options-with-selected';
import { DEFAULT_FILTERS, hasActiveFilters, servicesOfTeam, withTeam, type DashboardFilters } from '../filters';

interface FilterBarProps {
  filters: DashboardFilters;
  onChange: (next: DashboardFilters) => void;
  /** The organisation's lists, loaded by the page (the organisation feature owns their queries). */
  teams: UseQueryResult<TeamDto[]>;
  services: UseQueryResult<ServiceDto[]>;
}

/** Team, service, escape boundary and period: every control writes straight into the URL through `onChange`. */
export function FilterBar({ filters, onChange, teams, services }: FilterBarProps) {
  const id = useId();
  const allServices = services.data ?? [];
  const offeredServices = servicesOfTeam(allServices, filters.team);

  return (
    <form className="filter-bar" aria-label="Filters" onSubmit={(event) => event.preventDefault()}>
      <div className="field">
        <label htmlFor={`${id}-team`}>Team</label>
        <select id={`${id}-team`} value={filters.team ?? ''} onChange={(event) => onChange(withTeam(filters, event.target.value || null, allServices))}>
          <option value="">{teams.isError ? 'All teams (list unavailable)' : 'All teams'}</option>
          <OptionsWithSelected items={teams.data ?? []} selected={filters.team} unknownLabel="Unknown team" />
        </select>
      </div>

      <div className="field">
        <label htmlFor={`${id}-service`}>Service</label>
        <select id={`${id}-service`} value={filters.service ?? ''} onChange={(event) => onChange({ ...filters, service: event.target.value || null })}>
          <option value="">{services.isError ? 'All services (list unavailable)' : 'All services'}</option>
          <OptionsWithSelected items={offeredServices} selected={filters.service} unknownLabel="Unknown service" />
        </select>
      </div>

      <div className="field">
        <label htmlFor={`${id}-boundary`}>Escape boundary</label>
        <select
          id={`${id}-boundary`}
          value={filters.boundary}
          aria-describedby={`${id}-boundary-hint`}
          onChange={(event) => {
            const boundary = event.target.value;
            if (isDetectionStage(boundary)) onChange({ ...filters, boundary });
          }}
        >
          {DETECTION_STAGES.map((stage) => (
            <option key={stage} value={stage}>
              {STAGE_LABELS[stage]}
            </option>
          ))}
        </select>
        <span id={`${id}-boundary-hint`} className="field-hint">
          Found at or after this stage counts as escaped
        </span>
      </div>

      <fieldset className="field-group">
        <legend>Period</legend>
        <div className="field">
          <label htmlFor={`${id}-from`}>From</label>
          <DateFilterInput id={`${id}-from`} value={filters.from} max={filters.to} onCommit={(from) => onChange({ ...filters, from })} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>To</label>
          <DateFilterInput id={`${id}-to`} value={filters.to} min={filters.from} onCommit={(to) => onChange({ ...filters, to })} />
        </div>
      </fieldset>

      <div className="filter-actions">
        <button type="button" className="button button-quiet" disabled={!hasActiveFilters(filters)} onClick={() => onChange(DEFAULT_FILTERS)}>
          Reset filters
        </button>
      </div>
    </form>
  );
}
