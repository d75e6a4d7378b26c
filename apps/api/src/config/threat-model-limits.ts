import { DEFAULT_GLOB_LIMITS, type GlobLimits } from '@escapement/domain';
import { ConfigError } from './config-error';

/** What one threat-model component or classification rule may ask of the matcher (docs/security.md). */
export interface ThreatModelLimits {
  /** Length and wildcards of one path, repository or rule-id glob. */
  glob: GlobLimits;
  /** Match rules (repos, paths and services together) of one component. */
  maxRulesPerComponent: number;
}

export const DEFAULT_MAX_RULES_PER_COMPONENT = 64;

function wholeNumber(name: string, raw: string | undefined, fallback: number, max: number): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max) throw new ConfigError(`${name} must be a whole number from 1 to ${max}, got "${raw}"`);
  return value;
}

export function loadThreatModelLimits(env: NodeJS.ProcessEnv): ThreatModelLimits {
  return {
    glob: {
      maxLength: wholeNumber('ESCAPEMENT_GLOB_MAX_LENGTH', env.ESCAPEMENT_GLOB_MAX_LENGTH, DEFAULT_GLOB_LIMITS.maxLength, 4096),
      maxWildcards: wholeNumber('ESCAPEMENT_GLOB_MAX_WILDCARDS', env.ESCAPEMENT_GLOB_MAX_WILDCARDS, DEFAULT_GLOB_LIMITS.maxWildcards, 256),
    },
    maxRulesPerComponent: wholeNumber('ESCAPEMENT_MATCH_RULES_MAX', env.ESCAPEMENT_MATCH_RULES_MAX, DEFAULT_MAX_RULES_PER_COMPONENT, 10_000),
  };
}
