import { DEFAULT_GLOB_LIMITS, type GlobLimits } from '@escapement/domain';
import { ConfigError } from './config-error';

/** What one threat-model upload or classification rule may ask of the server (docs/security.md). */
export interface ThreatModelLimits {
  /** Length and wildcards of one path, repository or rule-id glob. */
  glob: GlobLimits;
  /** Match rules (repos, paths and services together) of one component. */
  maxRulesPerComponent: number;
  /** Components of one model. */
  maxComponents: number;
  /** How long reading one model file may take, off the request thread, before it is refused. */
  parseTimeoutMs: number;
  /** Heap the reading of one model file may use before it is refused. */
  parseMemoryMb: number;
  /** Model files read at once; as many again wait for a turn, and more are told to retry (429). */
  parseConcurrency: number;
}

function wholeNumber(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  return value;
}

export function loadThreatModelLimits(env: NodeJS.ProcessEnv): ThreatModelLimits {
  return {
    glob: {
      maxLength: wholeNumber('ESCAPEMENT_GLOB_MAX_LENGTH', env.ESCAPEMENT_GLOB_MAX_LENGTH, DEFAULT_GLOB_LIMITS.maxLength, 1, 4096),
      maxWildcards: wholeNumber('ESCAPEMENT_GLOB_MAX_WILDCARDS', env.ESCAPEMENT_GLOB_MAX_WILDCARDS, DEFAULT_GLOB_LIMITS.maxWildcards, 1, 256),
    },
    maxRulesPerComponent: wholeNumber('ESCAPEMENT_MATCH_RULES_MAX', env.ESCAPEMENT_MATCH_RULES_MAX, 64, 1, 10_000),
    maxComponents: wholeNumber('ESCAPEMENT_THREAT_MODEL_MAX_COMPONENTS', env.ESCAPEMENT_THREAT_MODEL_MAX_COMPONENTS, 5_000, 1, 100_000),
    parseTimeoutMs: 1000 * wholeNumber('ESCAPEMENT_THREAT_MODEL_PARSE_SECONDS', env.ESCAPEMENT_THREAT_MODEL_PARSE_SECONDS, 60, 1, 3600),
    parseMemoryMb: wholeNumber('ESCAPEMENT_THREAT_MODEL_PARSE_MEMORY_MB', env.ESCAPEMENT_THREAT_MODEL_PARSE_MEMORY_MB, 512, 64, 16_384),
    parseConcurrency: wholeNumber('ESCAPEMENT_THREAT_MODEL_PARSE_CONCURRENCY', env.ESCAPEMENT_THREAT_MODEL_PARSE_CONCURRENCY, 2, 1, 64),
  };
}
