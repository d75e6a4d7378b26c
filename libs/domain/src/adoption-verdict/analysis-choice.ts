import type { ExploratorySetting } from '../api/adoption-verdict';
import type { DetectionStage } from '../model/detection-stage';
import { parseHorizonRule, type PrimaryAnalysis, type PrimaryFindingClass } from '../model/primary-analysis';
import type { HorizonRule } from './verdict-input';

/** What a caller may change for a look of their own; anything left out comes from the primary analysis. */
export interface AnalysisOverrides {
  findingClass?: PrimaryFindingClass;
  boundary?: DetectionStage;
  horizonDays?: number;
  minimalImportantDifference?: number;
}

export interface AnalysisChoice {
  findingClass: PrimaryFindingClass;
  boundary: DetectionStage;
  horizon: HorizonRule;
  minimalImportantDifference: number;
  analysis: 'primary' | 'exploratory';
  /** The settings that differ from the primary analysis. */
  exploratorySettings: ExploratorySetting[];
}

/**
 * The analysis to run: the primary analysis fixed when the adoption was recorded, with the caller's changes.
 * A change that repeats the recorded value (`boundary=ci` when ci was fixed) keeps the analysis primary; any
 * other makes it exploratory, so an answer found by trying settings is never shown as the pre-specified one.
 */
export function chooseAnalysis(primary: PrimaryAnalysis, overrides: AnalysisOverrides): AnalysisChoice {
  const recordedHorizon = parseHorizonRule(primary.horizonRule);
  if (!recordedHorizon) throw new RangeError(`The recorded horizon rule "${primary.horizonRule}" names no rule`);
  const horizon: HorizonRule = overrides.horizonDays !== undefined ? { kind: 'days', days: overrides.horizonDays } : recordedHorizon;
  const chosen = {
    findingClass: overrides.findingClass ?? primary.findingClass,
    boundary: overrides.boundary ?? primary.boundary,
    horizon,
    minimalImportantDifference: overrides.minimalImportantDifference ?? primary.minimalImportantDifference,
  };
  const exploratorySettings: ExploratorySetting[] = [];
  if (chosen.findingClass !== primary.findingClass) exploratorySettings.push('class');
  if (chosen.boundary !== primary.boundary) exploratorySettings.push('boundary');
  if (!sameHorizon(horizon, recordedHorizon)) exploratorySettings.push('horizon');
  if (Math.abs(chosen.minimalImportantDifference - primary.minimalImportantDifference) > 1e-9) exploratorySettings.push('minimalImportantDifference');
  return { ...chosen, analysis: exploratorySettings.length ? 'exploratory' : 'primary', exploratorySettings };
}

function sameHorizon(a: HorizonRule, b: HorizonRule): boolean {
  return a.kind === 'days' ? b.kind === 'days' && a.days === b.days : b.kind === 'quantile' && a.quantile === b.quantile;
}
