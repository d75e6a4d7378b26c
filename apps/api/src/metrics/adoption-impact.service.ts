import { Inject, Injectable } from '@nestjs/common';
import {
  adoptionVerdictFromCounts,
  ALL_CLASSES,
  chooseAnalysis,
  compareProportions,
  differenceInDifferences,
  FINDING_CLASSES,
  horizonFromObservations,
  type AdoptionVerdictResponse,
  type AnalysisChoice,
  type AnalysisOverrides,
  type ImpactClassResult,
  type PracticeImpactResponse,
  type PrimaryAnalysis,
} from '@escapement/domain';
import type { TeamScope } from '../auth/principal';
import { invalid, notFound } from '../common/domain-error';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { AdoptionImpactQuery, ImpactResponse } from './adoption-impact.dto';
import { AdoptionImpactRepository, type AdoptionRow, type ArmCountRow } from './adoption-impact.repository';
import { VerdictCache } from './verdict-cache';

const DAY = 86_400_000;
const MAX_WINDOW_DAYS = 365;
const MIN_WINDOW_DAYS = 14;
/**
 * Randomisation draws per class when the relabellings are too many to enumerate (20,000 or fewer are
 * enumerated): 2,000, fewer (down to 500) when units × adoptions would make one request take seconds. The
 * Monte Carlo error in the answer says what that costs.
 */
const verdictDraws = (units: number, adoptions: number) => Math.max(500, Math.min(2_000, Math.floor(20_000_000 / (Math.max(1, units) * Math.max(1, adoptions) * 9))));

/**
 * Before/after an adoption, per finding class: equal windows either side of the start date, cohorts by
 * introduction date, only cohorts that have had the full follow-up, and a control group of teams that
 * had not adopted, for a difference-in-differences.
 */
@Injectable()
export class AdoptionImpactService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: AdoptionImpactRepository,
    private readonly verdicts: VerdictCache,
  ) {}

  /**
   * `teams`: a team-limited caller sees only adoptions of their teams, and the control group is drawn
   * from their teams only (it may then be empty, and the difference-in-differences absent).
   */
  async impact(query: AdoptionImpactQuery, teams: TeamScope, now = new Date()): Promise<ImpactResponse | PracticeImpactResponse> {
    if (query.practice !== undefined) {
      if (query.adoption || query.team || query.service) {
        throw invalid('Give either a practice or an adoption, team or service', [{ parameter: 'practice', message: 'not together with adoption, team or service' }]);
      }
      return this.practiceImpact(query.practice, query, teams, now);
    }
    if (!query.adoption && !query.team && !query.service) {
      throw invalid('Name an adoption, a team or a service', [{ parameter: 'adoption', message: 'required unless team, service or practice is given' }]);
    }
    const adoption = query.adoption ? await this.repository.adoption(query.adoption) : await this.repository.firstAdoptionOf({ team: query.team, service: query.service });
    if (!adoption) throw notFound('Adoption', query.adoption ?? query.team ?? query.service ?? '');
    const treatedTeam = adoption.team_id ?? (await this.repository.teamOfService(adoption.service_id!));
    if (teams && (!treatedTeam || !teams.includes(treatedTeam))) throw notFound('Adoption', query.adoption ?? query.team ?? query.service ?? '');
    const choice = chooseAnalysis(primaryAnalysisOf(adoption), overridesOf(query));
    const boundary = choice.boundary;
    const start = new Date(`${adoption.started_at}T00:00:00Z`);
    const followUpDays = query.followUpDays ?? this.config.followUpDays;
    const treated = await this.repository.treatedServices(adoption);
    const firstCohort = await this.repository.firstCohort(treated);

    // The after window must end a full follow-up before today, so recent flaws that have not yet had time
    // to escape do not flatter the "after" rate; the before window mirrors it. A retirement ends the after
    // window: findings introduced once the practice stopped say nothing about it.
    const retiredAfterDays = adoption.retired_at ? Math.round((new Date(`${adoption.retired_at}T00:00:00Z`).getTime() - start.getTime()) / DAY) : Infinity;
    const matureAfterDays = Math.min(retiredAfterDays, Math.floor((now.getTime() - followUpDays * DAY - start.getTime()) / DAY));
    const dataBeforeDays = firstCohort ? Math.floor((start.getTime() - firstCohort.getTime()) / DAY) + 1 : 0;
    const windowDays = query.windowDays ?? Math.min(MAX_WINDOW_DAYS, matureAfterDays, dataBeforeDays);
    if (windowDays < MIN_WINDOW_DAYS || windowDays > matureAfterDays) {
      throw invalid(
        `Not enough mature data around this adoption: the after window needs ${followUpDays} days of follow-up${adoption.retired_at ? ` and ends at the retirement on ${adoption.retired_at}` : ''}, which leaves ${Math.max(0, matureAfterDays)} days after ${adoption.started_at}` +
          (query.windowDays ? ` (asked for ${query.windowDays})` : ` and ${Math.max(0, dataBeforeDays)} days of data before it`),
        [{ parameter: query.windowDays ? 'windowDays' : 'adoption', message: 'windows too short for a fair comparison' }],
      );
    }
    const windowEnd = new Date(start.getTime() + windowDays * DAY);
    const control = await this.repository.controlServices(adoption, treated, windowEnd, teams);
    const rows = await this.repository.countArms(treated, control, start, windowDays, boundary);

    const cell = (arm: ArmCountRow['arm'], window: ArmCountRow['window'], cls: string | null) =>
      rows
        .filter((r) => r.arm === arm && r.window === window && (cls === null || r.finding_class === cls))
        .reduce((sum, r) => ({ total: sum.total + r.total, escaped: sum.escaped + r.escaped }), { total: 0, escaped: 0 });

    const classes = [...FINDING_CLASSES, null].map((cls): ImpactClassResult => {
      const treatedBefore = cell('treated', 'before', cls);
      const treatedAfter = cell('treated', 'after', cls);
      const controlBefore = cell('control', 'before', cls);
      const controlAfter = cell('control', 'after', cls);
      const hasControl = controlBefore.total > 0 && controlAfter.total > 0;
      const hasTreated = treatedBefore.total > 0 && treatedAfter.total > 0;
      return {
        class: cls ?? ALL_CLASSES,
        treated: { before: treatedBefore, after: treatedAfter, comparison: hasTreated ? compareProportions(treatedBefore, treatedAfter) : null },
        control: { before: controlBefore, after: controlAfter, comparison: hasControl ? compareProportions(controlBefore, controlAfter) : null },
        differenceInDifferences:
          hasTreated && hasControl ? differenceInDifferences({ before: treatedBefore, after: treatedAfter }, { before: controlBefore, after: controlAfter }) : null,
      };
    });
    const day = (d: Date) => d.toISOString().slice(0, 10);
    return {
      adoption: summaryOf(adoption),
      boundary,
      windowDays,
      followUpDays,
      windows: {
        before: { from: day(new Date(start.getTime() - windowDays * DAY)), to: adoption.started_at },
        after: { from: adoption.started_at, to: day(windowEnd) },
      },
      control: { services: control.length },
      classes,
      verdict: await this.verdict([adoption], choice, primaryAnalysisOf(adoption), teams, now),
    };
  }

  /** Every adoption of a practice visible to the caller, analysed together. */
  private async practiceImpact(practice: string, query: AdoptionImpactQuery, teams: TeamScope, now: Date): Promise<PracticeImpactResponse> {
    const adoptions = await this.repository.adoptions(teams, practice);
    if (!adoptions.length) throw notFound('Practice', practice);
    // The earliest adoption's primary analysis was fixed before any other adoption of the practice had data.
    const primary = primaryAnalysisOf(adoptions[0]);
    return { practice, verdict: await this.verdict(adoptions, chooseAnalysis(primary, overridesOf(query)), primary, teams, now) };
  }

  /**
   * The control-adjusted, cluster-aware verdict (libs/domain adoption-verdict) for these adoptions, against
   * every service in the caller's scope; adoptions of anything else keep their units out of the controls
   * while they are adopted. `choice` is the primary analysis, or an exploratory one when the query changed it.
   */
  private async verdict(analysed: AdoptionRow[], choice: AnalysisChoice, primaryAnalysis: PrimaryAnalysis, teams: TeamScope, now: Date): Promise<AdoptionVerdictResponse> {
    const all = await this.repository.adoptions(teams);
    const unitRows = await this.repository.adoptionServices([...new Set([...all, ...analysed].map((a) => a.id))]);
    const unitsOf = (id: string) => unitRows.filter((r) => r.adoption_id === id).map((r) => r.service_id);
    const services = [...new Set([...(await this.repository.servicesInScope(teams)), ...analysed.flatMap((a) => unitsOf(a.id))])];
    const analysedIds = new Set(analysed.map((a) => a.id));
    const today = now.toISOString().slice(0, 10);
    const design = {
      adoptions: analysed.map((a) => ({ id: a.id, units: unitsOf(a.id), startedAt: a.started_at, retiredAt: a.retired_at })),
      otherAdoptions: all.filter((a) => !analysedIds.has(a.id)).flatMap((a) => unitsOf(a.id).map((unit) => ({ unit, startedAt: a.started_at }))),
      settings: {
        primaryClass: choice.findingClass,
        boundary: choice.boundary,
        // Holm's adjustment runs over these: every class, and every finding when that is the class fixed.
        classes: choice.findingClass === ALL_CLASSES ? [ALL_CLASSES, ...FINDING_CLASSES] : FINDING_CLASSES,
        minimalImportantDifference: choice.minimalImportantDifference,
        draws: verdictDraws(services.length, analysed.length),
      },
      now: today,
    };
    // Read before the data: a verdict kept under these versions is never older than they are.
    const versions = await this.repository.verdictDataVersions(services);
    const result = await this.verdicts.through({ design, services, horizonRule: choice.horizon, versions }, async () => {
      // From counts the database groups (a few thousand rows), never the findings themselves: the horizon first,
      // since which findings count by introduction depends on it; the counts by detection meanwhile.
      // Every service in the analysis (an organisation-wide reader's usual case): no list to test each row against,
      // which was about half of each scan's time.
      const scope = services.length === (await this.repository.serviceCount()) ? null : services;
      const [byDetection, observations] = await Promise.all([
        this.repository.cohortCounts(scope, choice.boundary, null, 'detection'),
        this.repository.horizonObservations(scope, choice.boundary, today),
      ]);
      const horizon = horizonFromObservations(observations, choice.boundary, choice.horizon);
      const byIntroduction = await this.repository.cohortCounts(scope, choice.boundary, horizon.horizonDays, 'introduction');
      return adoptionVerdictFromCounts({ ...design, horizon, byIntroduction, byDetection });
    });
    return {
      ...result,
      analysis: choice.analysis,
      primaryAnalysis,
      exploratorySettings: choice.exploratorySettings,
      adoptions: analysed.map(summaryOf),
    };
  }
}

function overridesOf(query: AdoptionImpactQuery): AnalysisOverrides {
  return { findingClass: query.class, boundary: query.boundary, horizonDays: query.horizonDays, minimalImportantDifference: query.minimalImportantDifference };
}

function summaryOf(a: AdoptionRow) {
  return { id: a.id, team: a.team_name, service: a.service_name, practice: a.practice, startedAt: a.started_at, retiredAt: a.retired_at };
}

function primaryAnalysisOf(a: AdoptionRow): PrimaryAnalysis {
  return { findingClass: a.primary_finding_class, boundary: a.primary_boundary, horizonRule: a.primary_horizon_rule, minimalImportantDifference: a.primary_mid };
}
