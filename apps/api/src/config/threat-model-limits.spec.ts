import { ConfigError } from './config-error';
import { loadThreatModelLimits } from './threat-model-limits';

describe(loadThreatModelLimits.name, () => {
  const sut = loadThreatModelLimits;

  it('has safe defaults', () => {
    expect(sut({})).toEqual({ glob: { maxLength: 256, maxWildcards: 32 }, maxRulesPerComponent: 64, maxComponents: 5000, parseTimeoutMs: 60_000, parseMemoryMb: 512, parseConcurrency: 2 });
  });

  it('reads every setting', () => {
    const env = {
      ESCAPEMENT_GLOB_MAX_LENGTH: '100',
      ESCAPEMENT_GLOB_MAX_WILDCARDS: '8',
      ESCAPEMENT_MATCH_RULES_MAX: '10',
      ESCAPEMENT_THREAT_MODEL_MAX_COMPONENTS: '200',
      ESCAPEMENT_THREAT_MODEL_PARSE_SECONDS: '5',
      ESCAPEMENT_THREAT_MODEL_PARSE_MEMORY_MB: '128',
      ESCAPEMENT_THREAT_MODEL_PARSE_CONCURRENCY: '4',
    };
    expect(sut(env)).toEqual({ glob: { maxLength: 100, maxWildcards: 8 }, maxRulesPerComponent: 10, maxComponents: 200, parseTimeoutMs: 5000, parseMemoryMb: 128, parseConcurrency: 4 });
  });

  it.each([
    ['ESCAPEMENT_GLOB_MAX_LENGTH', '0'],
    ['ESCAPEMENT_GLOB_MAX_WILDCARDS', 'many'],
    ['ESCAPEMENT_THREAT_MODEL_PARSE_MEMORY_MB', '8'],
  ])('stops the start on %s=%s, naming it', (name, value) => {
    expect(() => sut({ [name]: value })).toThrow(ConfigError);
    expect(() => sut({ [name]: value })).toThrow(name);
  });
});
