import { isDetectionStage, PRIMARY_FINDING_CLASSES, type PrimaryFindingClass } from '@escapement/domain';
import { useEffect, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ExportMenu } from '../../components/ui/export-menu';
import { useAdoptionImpact } from '../../features/adoption-impact/api/get-adoption-impact';
import { AdoptionImpactPanel } from '../../features/adoption-impact/components/adoption-impact-panel';
import { AdoptionPicker, type AdoptionSelection } from '../../features/adoption-impact/components/adoption-picker';
import { AdoptionVerdictPanel, PracticeVerdictPanel } from '../../features/adoption-impact/components/verdict-panel';
import { useAdoptions } from '../../features/adoptions/api/get-adoptions';
import { EscapeRatePanel } from '../../features/escape-rate/components/escape-rate-panel';
import type { ShadedWindow } from '../../features/escape-rate/window-areas';
import { useTeams } from '../../features/organisation/api/get-teams';

const isFindingClass = (value: string | null): value is PrimaryFindingClass => (PRIMARY_FINDING_CLASSES as readonly (string | null)[]).includes(value);

function readSelection(params: URLSearchParams): AdoptionSelection {
  const boundary = params.get('boundary');
  const findingClass = params.get('class');
  return {
    adoption: params.get('adoption') || null,
    team: params.get('adoption') ? null : params.get('team') || null,
    pooled: params.get('pooled') === '1',
    boundary: isDetectionStage(boundary) ? boundary : null,
    findingClass: isFindingClass(findingClass) ? findingClass : null,
  };
}

/** Only what differs from the defaults goes into the URL: no setting there means the primary analysis. */
function writeSelection(selection: AdoptionSelection): URLSearchParams {
  const next = new URLSearchParams();
  if (selection.adoption) next.set('adoption', selection.adoption);
  else if (selection.team) next.set('team', selection.team);
  if (selection.pooled) next.set('pooled', '1');
  if (selection.boundary) next.set('boundary', selection.boundary);
  if (selection.findingClass) next.set('class', selection.findingClass);
  return next;
}

/**
 * Did escapes fall after a team adopted context-aware practice? The page leads with the verdict of the primary
 * analysis recorded on the adoption (or of every adoption of its practice, pooled), its event study, and only
 * beside it the adopters' own before/after. The choices are in the URL; without an adoption or team, the
 * earliest adoption is shown, since it has the most mature data after it.
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
  const teamFirst = selection.team
    ? [...(adoptions.data ?? [])].filter((a) => a.teamId === selection.team).sort((a, b) => a.startedAt.localeCompare(b.startedAt))[0]
    : undefined;
  const practice = chosen?.practice ?? impact.data?.adoption.practice ?? teamFirst?.practice ?? null;
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
        <div className="page-actions">
          <ExportMenu
            name="adoption-impact"
            label="Export verdict"
            params={
              selection.pooled
                ? { practice, boundary: selection.boundary, class: selection.findingClass }
                : { adoption: selection.adoption, team: selection.team, boundary: selection.boundary, class: selection.findingClass }
            }
          />
        </div>
      </div>
      <AdoptionPicker
        selection={selection}
        adoptions={adoptions.data ?? []}
        teams={teams.data ?? []}
        practice={practice}
        onChange={(next) => setSearchParams(writeSelection(next))}
      />
      {selection.pooled ? (
        <PracticeVerdictPanel practice={practice} boundary={selection.boundary} findingClass={selection.findingClass} />
      ) : (
        <AdoptionVerdictPanel {...selection} />
      )}
      <AdoptionImpactPanel {...selection} />
      {(trendTeam !== null || trendService !== null) && (
        <EscapeRatePanel
          title="Escape rate over time, by finding class"
          fileName="adoption-trend"
          adoptions={adoptions}
          filters={{ boundary: selection.boundary ?? impact.data?.boundary ?? 'ci', team: trendTeam, service: trendService, from: null, to: null }}
          adoptionScope={{ teamIds: trendTeam ? [trendTeam] : [], serviceIds: trendService ? [trendService] : [] }}
          narrowed
          windows={windows}
        />
      )}
    </>
  );
}
