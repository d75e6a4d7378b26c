import { DETECTION_STAGES, FINDING_CATEGORIES, FINDING_CLASSES, FINDING_STATUSES, isDetectionStage, SEVERITIES } from '@escapement/domain';
import { useId, useState, type ReactNode } from 'react';
import { DateFilterInput } from '../../../components/ui/date-filter-input';
import { DebouncedTextInput } from '../../../components/ui/debounced-text-input';
import { OptionsWithSelected, type NamedOption } from '../../../components/ui/options-with-selected';
import { categoryLabel, CLASS_LABELS, FINDING_GAPS, GAP_LABELS, SEVERITY_LABELS, STATUS_LABELS } from '../../../lib/finding-labels';
import { STAGE_LABELS } from '../../../lib/stage-labels';
import { DEFAULT_FINDINGS_QUERY, narrowsFindings, parseCweId, type FindingsQuery } from '../findings-query';

export interface ServiceOption extends NamedOption {
  teamId: string | null;
}

/** A list for a select, and whether it could not be loaded (the select then says so). */
export interface OptionList<T extends NamedOption> {
  items: readonly T[];
  unavailable: boolean;
}

interface FindingsFilterBarProps {
  query: FindingsQuery;
  onChange: (next: FindingsQuery) => void;
  teams: OptionList<NamedOption>;
  services: OptionList<ServiceOption>;
}

/** The filters less often used; the disclosure opens by itself when a link sets one of them. */
const SECONDARY: readonly (keyof FindingsQuery)[] = ['severity', 'stage', 'category', 'status', 'gap', 'cwe', 'from', 'to'];

function activeSecondary(query: FindingsQuery): number {
  return SECONDARY.filter((name) => query[name] !== null).length;
}

/** Every control writes straight into the URL through `onChange`; text fields wait for a pause in typing. */
export function FindingsFilterBar({ query, onChange, teams, services }: FindingsFilterBarProps) {
  const id = useId();
  const [moreOpen, setMoreOpen] = useState(() => activeSecondary(query) > 0);
  const set = <K extends keyof FindingsQuery>(name: K, value: FindingsQuery[K]) => onChange({ ...query, [name]: value });
  const offeredServices = query.team === null ? services.items : services.items.filter((service) => service.teamId === query.team);
  const secondaryCount = activeSecondary(query);

  return (
    <form className="filter-bar findings-filters" aria-label="Finding filters" onSubmit={(event) => event.preventDefault()}>
      <div className="findings-filters-main">
        <Field id={`${id}-q`} label="Search" hint="Title, rule id, path or fingerprint" wide>
          <DebouncedTextInput id={`${id}-q`} type="search" value={query.q} onCommit={(q) => set('q', q)} aria-describedby={`${id}-q-hint`} />
        </Field>

        <Field id={`${id}-team`} label="Team">
          <select
            id={`${id}-team`}
            value={query.team ?? ''}
            onChange={(event) => {
              const team = event.target.value || null;
              const service = services.items.find((candidate) => candidate.id === query.service);
              // A selected service of another team no longer fits the new team.
              const keepService = team === null || service?.teamId === team;
              onChange({ ...query, team, service: keepService ? query.service : null });
            }}
          >
            <option value="">{teams.unavailable ? 'All teams (list unavailable)' : 'All teams'}</option>
            <OptionsWithSelected items={teams.items} selected={query.team} unknownLabel="Unknown team" />
          </select>
        </Field>

        <Field id={`${id}-service`} label="Service">
          <select id={`${id}-service`} value={query.service ?? ''} onChange={(event) => set('service', event.target.value || null)}>
            <option value="">{services.unavailable ? 'All services (list unavailable)' : 'All services'}</option>
            <OptionsWithSelected items={offeredServices} selected={query.service} unknownLabel="Unknown service" />
          </select>
        </Field>

        <Field id={`${id}-class`} label="Class">
          <select
            id={`${id}-class`}
            value={query.findingClass ?? ''}
            onChange={(event) => set('findingClass', FINDING_CLASSES.find((value) => value === event.target.value) ?? null)}
          >
            <option value="">All classes</option>
            {FINDING_CLASSES.map((value) => (
              <option key={value} value={value}>
                {CLASS_LABELS[value]}
              </option>
            ))}
          </select>
        </Field>

        <Field id={`${id}-escaped`} label="Escaped">
          <select
            id={`${id}-escaped`}
            value={query.escaped === null ? '' : String(query.escaped)}
            onChange={(event) => set('escaped', event.target.value === '' ? null : event.target.value === 'true')}
          >
            <option value="">All findings</option>
            <option value="true">Escaped only</option>
            <option value="false">Stopped before the boundary</option>
          </select>
        </Field>

        <Field id={`${id}-boundary`} label="Escape boundary" hint="Found at or after this stage counts as escaped">
          <select
            id={`${id}-boundary`}
            value={query.boundary}
            aria-describedby={`${id}-boundary-hint`}
            onChange={(event) => {
              const boundary = event.target.value;
              if (isDetectionStage(boundary)) set('boundary', boundary);
            }}
          >
            {DETECTION_STAGES.map((stage) => (
              <option key={stage} value={stage}>
                {STAGE_LABELS[stage]}
              </option>
            ))}
          </select>
        </Field>
      </div>

      <details className="findings-filters-more" open={moreOpen} onToggle={(event) => setMoreOpen(event.currentTarget.open)}>
        <summary>More filters{secondaryCount > 0 && <span className="filter-count"> ({secondaryCount} active)</span>}</summary>
        <div className="findings-filters-grid">
          <Field id={`${id}-severity`} label="Severity">
            <select
              id={`${id}-severity`}
              value={query.severity ?? ''}
              onChange={(event) => set('severity', SEVERITIES.find((value) => value === event.target.value) ?? null)}
            >
              <option value="">All severities</option>
              {[...SEVERITIES].reverse().map((value) => (
                <option key={value} value={value}>
                  {SEVERITY_LABELS[value]}
                </option>
              ))}
            </select>
          </Field>

          <Field id={`${id}-stage`} label="First caught at">
            <select
              id={`${id}-stage`}
              value={query.stage ?? ''}
              onChange={(event) => set('stage', DETECTION_STAGES.find((value) => value === event.target.value) ?? null)}
            >
              <option value="">All stages</option>
              {DETECTION_STAGES.map((stage) => (
                <option key={stage} value={stage}>
                  {STAGE_LABELS[stage]}
                </option>
              ))}
            </select>
          </Field>

          <Field id={`${id}-category`} label="Category">
            <select id={`${id}-category`} value={query.category ?? ''} onChange={(event) => set('category', event.target.value || null)}>
              <option value="">All categories</option>
              {FINDING_CATEGORIES.map((category) => (
                <option key={category} value={category}>
                  {categoryLabel(category)}
                </option>
              ))}
              {query.category !== null && !(FINDING_CATEGORIES as readonly string[]).includes(query.category) && (
                <option value={query.category}>{categoryLabel(query.category)}</option>
              )}
            </select>
          </Field>

          <Field id={`${id}-status`} label="Status">
            <select
              id={`${id}-status`}
              value={query.status ?? ''}
              onChange={(event) => set('status', FINDING_STATUSES.find((value) => value === event.target.value) ?? null)}
            >
              <option value="">All statuses</option>
              {FINDING_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {STATUS_LABELS[status]}
                </option>
              ))}
            </select>
          </Field>

          <Field id={`${id}-gap`} label="Gap">
            <select
              id={`${id}-gap`}
              value={query.gap ?? ''}
              onChange={(event) => set('gap', FINDING_GAPS.find((value) => value === event.target.value) ?? null)}
            >
              <option value="">All gap types</option>
              {FINDING_GAPS.map((gap) => (
                <option key={gap} value={gap}>
                  {GAP_LABELS[gap]}
                </option>
              ))}
            </select>
          </Field>

          <Field id={`${id}-cwe`} label="CWE" hint="e.g. 639 or CWE-639">
            <DebouncedTextInput
              id={`${id}-cwe`}
              inputMode="numeric"
              value={query.cwe === null ? null : String(query.cwe)}
              aria-describedby={`${id}-cwe-hint`}
              onCommit={(value) => set('cwe', parseCweId(value))}
            />
          </Field>

          <Field id={`${id}-from`} label="First detected from">
            <DateFilterInput id={`${id}-from`} value={query.from} max={query.to} onCommit={(from) => set('from', from)} />
          </Field>

          <Field id={`${id}-to`} label="First detected to">
            <DateFilterInput id={`${id}-to`} value={query.to} min={query.from} onCommit={(to) => set('to', to)} />
          </Field>
        </div>
      </details>

      <div className="filter-actions">
        <button
          type="button"
          className="button button-quiet"
          disabled={!narrowsFindings(query) && query.boundary === DEFAULT_FINDINGS_QUERY.boundary}
          onClick={() => onChange({ ...DEFAULT_FINDINGS_QUERY, sort: query.sort, order: query.order })}
        >
          Reset filters
        </button>
      </div>
    </form>
  );
}

function Field({ id, label, hint, wide, children }: { id: string; label: string; hint?: string; wide?: boolean; children: ReactNode }) {
  return (
    <div className={wide ? 'field field-wide' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && (
        <span id={`${id}-hint`} className="field-hint">
          {hint}
        </span>
      )}
    </div>
  );
}
