import { isDetectionStage, type DetectionStage } from '@escapement/domain';
import { useEffect, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useAdoptionImpact } from '../../features/adoption-impact/api/get-adoption-impact';
import { AdoptionImpactPanel } from '../../features/adoption-impact/components/adoption-impact-panel';
import { AdoptionPicker, type AdoptionSelection } from '../../features/adoption-impact/components/adoption-picker';
import { useAdoptions } from '../../features/escape-rate/api/get-adoptions';
import { EscapeRatePanel } from '../../features/escape-rate/components/escape-rate-panel';
import type { ShadedWindow } from '../../features/escape-rate/window-areas';
import { useTeams } from '../../features/filters/api/get-teams';

const DEFAULT_BOUNDARY: DetectionStage = 'ci';

function readSelection(params: URLSearchParams): AdoptionSelection {
  const boundary = params.get('boundary');
  return {
    adoption: params.get('adoption') || null,
    team: params.get('adoption') ? null : params.get('team') || null,
    boundary: isDetectionStage(boundary) ? boundary : DEFAULT_BOUNDARY,
  };
}

function writeSelection(selection: AdoptionSelection): URLSearchParams {
  const next = new URLSearchParams();
  if (selection.adoption) next.set('adoption', selection.adoption);
  else if (selection.team) next.set('team', selection.team);
  if (selection.boundary !== DEFAULT_BOUNDARY) next.set('boundary', selection.boundary);
  return next;
}

/**
 * Did escapes fall after a team adopted context-aware practice? The adoption (or team) and boundary are
 * in the URL; without either, the earliest adoption is shown, since it has the most mature data after it.
 */
export function AdoptionImpactPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const selection = useMemo(() => readSelection(searchParams), [searchParams]);
  // Features do not know each other: the page hands the adoptions and teams to the picker.
  const adoptions = useAdoptions();
  const teams = useTeams();
  const impact = useAdoptionImpact(selection);

  const earliest = useMemo(() => [...(adoptions.data ?? [])].sort((a, b) => a.startedAt.localeCompare(b.startedAt))[0], [adoptions.data]);
  useEffect(() => {
    if (selection.adoption === null && selection.team === null && earliest) {
      setSearchParams(writeSelection({ ...selection, adoption: earliest.id }), { replace: true });
    }
  }, [selection, earliest, setSearchParams]);

  // The trend shows whoever adopted: the adoption's team or service, or the chosen team.
  const chosen = adoptions.data?.find((adoption) => adoption.id === selection.adoption);
  const trendTeam = selection.team ?? chosen?.teamId ?? null;
  const trendService = selection.team ? null : (chosen?.serviceId ?? null);
  const windows = useMemo<ShadedWindow[]>(() => {
    if (!impact.data) return [];
    const { before, after } = impact.data.windows;
    return [
      { kind: 'before', label: 'Before', ...before },
      { kind: 'after', label: 'After', ...after },
    ];
  }, [impact.data]);

  return (
    <>
      <title>Adoption impact · Escapement</title>
      <div className="page-header">
        <h1>Adoption impact</h1>
        <p className="muted">Did escapes fall after a team adopted context-aware practice, and by more than elsewhere?</p>
      </div>
      <AdoptionPicker
        selection={selection}
        adoptions={adoptions.data ?? []}
        teams={teams.data ?? []}
        onChange={(next) => setSearchParams(writeSelection(next))}
      />
      <AdoptionImpactPanel {...selection} />
      {(trendTeam !== null || trendService !== null) && (
        <EscapeRatePanel
          title="Escape rate over time, by finding class"
          fileName="adoption-trend"
          filters={{ boundary: selection.boundary, team: trendTeam, service: trendService, from: null, to: null }}
          adoptionScope={{ teamIds: trendTeam ? [trendTeam] : [], serviceIds: trendService ? [trendService] : [] }}
          narrowed
          windows={windows}
        />
      )}
    </>
  );
}
