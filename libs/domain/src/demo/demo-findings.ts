import { DETECTION_STAGES } from '../model/detection-stage';
import { SEVERITIES, type FindingStatus, type Severity } from '../model/finding';
import { detectorsByStage, type DemoDetector } from './demo-detectors';
import { demoPlan, type DemoTeamModel } from './demo-organisation';
import { DEMO_SERVICE_PROFILES, type DemoFileKind, type DemoServiceProfile } from './demo-services';
import type { DemoDetection, DemoFinding, DemoOptions } from './demo-types';
import { DEMO_WEAKNESSES, type DemoLevel, type DemoWeakness } from './demo-weaknesses';
import { DAY_MS, type DemoWindow } from './demo-window';
import { adoptionEffect, detectionDelayDays, stageWeights } from './detection-model';
import { demoFingerprint } from './fingerprint';
import { isoTimestamp } from './iso-timestamp';
import { Random } from './random';

const FINDINGS_STREAM = 2;
const HOUR_MS = 3_600_000;

const LEVELS: readonly DemoLevel[] = ['design', 'pattern', 'unclassified'];
/** Scanners report far more than people do, so most findings are pattern-level. */
const LEVEL_WEIGHTS: readonly number[] = [0.3, 0.69, 0.01];

/** Chance that a finding not yet in production is found again, later, by another activity. */
const SECOND_DETECTION_CHANCE = 0.115;
/** More code is written each month (AI assistants), so findings grow towards the end of the window. */
const GROWTH = 0.6;
/** Period of the slow wobble in each team's escape rate: a reorg, a release crunch, a new hire. */
const DRIFT_PERIOD_MONTHS = 5;
const DRIFT_AMPLITUDE = 0.1;
/**
 * The whole organisation gets better at stopping flaws early (better scanners, training): late-stage
 * weights fall from 1 + this to 1 - this across the window, for adopters and control teams alike.
 */
const ORGANISATION_DRIFT = 0.25;
/** Share of scanner findings whose introduction is known (sent with `git blame`); the rest have none, as SARIF gives them. */
const SCANNER_INTRODUCTION_SHARE = 0.5;
const SCANNER_SOURCES: ReadonlySet<string> = new Set(['sast', 'sca', 'secrets', 'iac']);

const LINES: Record<DemoFileKind, readonly [number, number]> = {
  code: [8, 420],
  web: [5, 260],
  native: [20, 900],
  manifest: [3, 180],
  terraform: [1, 160],
  kubernetes: [1, 120],
  config: [1, 60],
};

interface WeaknessModel {
  weakness: DemoWeakness;
  /** The service's files where this weakness can live. */
  paths: readonly string[];
  detectors: DemoDetector[][];
  available: boolean[];
}

interface ServiceModel {
  profile: DemoServiceProfile;
  team: DemoTeamModel;
  /** Per level (as LEVELS), the weaknesses this service can have and their weights. */
  byLevel: { weaknesses: WeaknessModel[]; weights: number[] }[];
  levelWeights: number[];
}

function serviceModels(teams: ReadonlyMap<string, DemoTeamModel>): ServiceModel[] {
  return DEMO_SERVICE_PROFILES.map((profile) => {
    const byLevel = LEVELS.map((level) => {
      const weaknesses = DEMO_WEAKNESSES.flatMap((weakness): WeaknessModel[] => {
        const paths = profile.files[weakness.file] ?? [];
        const fitsLanguage = !weakness.languages || weakness.languages.includes(profile.language);
        if (weakness.level !== level || paths.length === 0 || !fitsLanguage) return [];
        const detectors = detectorsByStage(weakness, profile.language);
        return [{ weakness, paths, detectors, available: detectors.map((list) => list.length > 0) }];
      });
      return { weaknesses, weights: weaknesses.map(({ weakness }) => weakness.weight) };
    });
    return {
      profile,
      team: teams.get(profile.team)!,
      byLevel,
      levelWeights: LEVEL_WEIGHTS.map((weight, level) => (byLevel[level].weaknesses.length > 0 ? weight : 0)),
    };
  });
}

/** A working-hours moment in the window, denser later on. */
function introducedAtMs(window: DemoWindow, random: Random): number {
  const spanMs = window.endMs - window.startMs;
  for (let attempt = 0; ; attempt++) {
    // Inverse of the CDF of a density rising linearly by GROWTH across the window.
    const u = random.next();
    const t = (Math.sqrt(1 + 2 * GROWTH * u * (1 + GROWTH / 2)) - 1) / GROWTH;
    const dayMs = Math.floor((window.startMs + t * spanMs) / DAY_MS) * DAY_MS;
    const weekday = (Math.floor(dayMs / DAY_MS) + 4) % 7; // 1970-01-01 was a Thursday; 0 is Sunday.
    // Little code is merged at weekends; after a few tries a weekend day is let through.
    if ((weekday === 0 || weekday === 6) && attempt < 3 && random.chance(0.8)) continue;
    const ms = dayMs + random.between(7, 19) * HOUR_MS;
    return Math.min(Math.max(ms, window.startMs), window.startMs + spanMs);
  }
}

function escapeTilt(team: DemoTeamModel, atMs: number, window: DemoWindow): number {
  const months = (atMs - window.startMs) / (30.4375 * DAY_MS);
  const elapsed = (atMs - window.startMs) / (window.endMs - window.startMs);
  const organisation = 1 + ORGANISATION_DRIFT * (1 - 2 * elapsed);
  return organisation * team.escapeTilt * (1 + DRIFT_AMPLITUDE * Math.sin((2 * Math.PI * months) / DRIFT_PERIOD_MONTHS + team.driftPhase));
}

function severity(typical: Severity, random: Random): Severity {
  const rank = SEVERITIES.indexOf(typical);
  const roll = random.next();
  const shifted = roll < 0.2 ? rank + 1 : roll < 0.4 ? rank - 1 : rank;
  return SEVERITIES[Math.min(SEVERITIES.length - 1, Math.max(0, shifted))];
}

/** ~3% dismissed; older findings are more often fixed, ~30% overall. */
function status(ageFraction: number, random: Random): FindingStatus {
  const roll = random.next();
  if (roll < 0.015) return 'suppressed';
  if (roll < 0.03) return 'false_positive';
  if (random.chance(0.16 + 0.32 * ageFraction)) return 'fixed';
  return random.chance(0.05) ? 'accepted_risk' : 'open';
}

function title(template: string, noun: string, service: string): string {
  return template
    .replace('{Noun}', noun.charAt(0).toUpperCase() + noun.slice(1))
    .replace('{noun}', noun)
    .replace('{service}', service);
}

function detection(stage: number, ms: number, detector: DemoDetector): DemoDetection {
  return { stage: DETECTION_STAGES[stage], detectedAt: isoTimestamp(ms), sourceKind: detector.sourceKind, tool: detector.tool };
}

/**
 * The flaw introduced as the `index`th of the window, as seen at `window.nowMs`: null while nobody has
 * found it yet. Every random draw is made whatever `now` is, so that a later `now` shows the same flaws.
 */
function demoFinding(
  index: number,
  window: DemoWindow,
  services: readonly ServiceModel[],
  serviceWeights: readonly number[],
  random: Random,
): DemoFinding | null {
  const service = services[random.weightedIndex(serviceWeights)];
  const introducedMs = introducedAtMs(window, random);
  const level = service.byLevel[random.weightedIndex(service.levelWeights)];
  const { weakness, paths, detectors, available } = level.weaknesses[random.weightedIndex(level.weights)];

  const adoptedAtMs = service.team.adoptedAtMs;
  const effect = service.team.adoptionEffect * adoptionEffect(adoptedAtMs === null ? null : (introducedMs - adoptedAtMs) / DAY_MS);
  const weights = stageWeights(weakness.level, effect, escapeTilt(service.team, introducedMs, window), available);
  const firstStage = random.weightedIndex(weights);
  const firstDetector = random.pick(detectors[firstStage]);

  // Delays are never squeezed to fit before now: a flaw whose first detection is still to come does
  // not exist in the data yet, and a second detection still to come is not there either.
  const firstMs = introducedMs + detectionDelayDays(firstStage, random) * DAY_MS;
  const detections = [detection(firstStage, firstMs, firstDetector)];

  const laterStages = available.flatMap((isAvailable, stage) => (isAvailable && stage > firstStage ? [stage] : []));
  if (laterStages.length > 0 && random.chance(SECOND_DETECTION_CHANCE)) {
    const secondStage = random.pick(laterStages);
    const secondMs = Math.max(introducedMs + detectionDelayDays(secondStage, random) * DAY_MS, firstMs + HOUR_MS);
    const secondDetector = random.pick(detectors[secondStage]);
    if (secondMs <= window.nowMs) detections.push(detection(secondStage, secondMs, secondDetector));
  }

  const introductionKnown = !SCANNER_SOURCES.has(firstDetector.sourceKind) || random.chance(SCANNER_INTRODUCTION_SHARE);
  const [firstLine, lastLine] = LINES[weakness.file];
  const finding: DemoFinding = {
    service: service.profile.name,
    sourceKind: firstDetector.sourceKind,
    tool: firstDetector.tool,
    ruleId: firstDetector.ruleId,
    title: title(random.pick(weakness.titles), random.pick(service.profile.nouns), service.profile.name),
    severity: severity(weakness.severity, random),
    cweIds: [...weakness.cweIds],
    location: {
      repo: service.profile.repo,
      path: random.pick(paths),
      line: random.int(firstLine, lastLine),
    },
    fingerprint: demoFingerprint(window.seed, index),
    introducedAt: introductionKnown ? isoTimestamp(introducedMs) : null,
    introducedCommit: introductionKnown ? demoFingerprint(window.seed ^ COMMIT_SALT, index).slice(0, 40) : null,
    status: status((window.endMs - introducedMs) / (window.endMs - window.startMs), random),
    detections,
  };
  return firstMs <= window.nowMs ? finding : null;
}

/** Commit ids are fingerprint-shaped hex from another key, so they never equal a fingerprint. */
const COMMIT_SALT = 0x2c1b3c6d;

function* generate(window: DemoWindow, services: readonly ServiceModel[]): Generator<DemoFinding> {
  const serviceWeights = services.map((service) => service.profile.weight);
  const random = new Random(window.seed, FINDINGS_STREAM);
  for (let index = 0; index < window.findings; index++) {
    const finding = demoFinding(index, window, services, serviceWeights, random);
    if (finding) yield finding;
  }
}

/**
 * The demo organisation's findings, one at a time: memory stays flat however many are asked for, so
 * the same generator feeds the dashboard demo and million-finding load tests. The options are checked
 * here, before the first finding is asked for. Findings come in no particular time order. Of the
 * `findings` flaws introduced in the window, those already found by `now` are yielded.
 */
export function demoFindings(options: DemoOptions = {}): Generator<DemoFinding> {
  const plan = demoPlan(options);
  return generate(plan.window, serviceModels(plan.teams));
}
