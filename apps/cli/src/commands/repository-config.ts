import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { UsageError } from '../args';

/** What a repository says of itself in `.escapement.yml`, for `change record`. */
export interface RepositoryConfig {
  service?: string;
  /** Flags every change of this repository carries unless the command line says otherwise (e.g. the PR template links the model). */
  change: Partial<Record<'threatModelLinked' | 'acceptanceCriteria' | 'promptContext' | 'reviewedAgainstModel' | 'aiAssisted', boolean>>;
}

const FLAGS = ['threatModelLinked', 'acceptanceCriteria', 'promptContext', 'reviewedAgainstModel', 'aiAssisted'] as const;

/**
 * Reads `.escapement.yml` from `directory` (the checkout's root), or nothing when there is none. A file
 * that is not the expected shape stops the command with what is wrong, rather than being half-used.
 */
export function readRepositoryConfig(directory: string): RepositoryConfig {
  const file = path.join(directory, '.escapement.yml');
  if (!fs.existsSync(file)) return { change: {} };
  let document: unknown;
  try {
    document = parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`${file}: not valid YAML: ${(error as Error).message}`);
  }
  if (document === null || document === undefined) return { change: {} };
  if (typeof document !== 'object' || Array.isArray(document)) throw new UsageError(`${file}: expected a mapping with service and change keys`);
  const { service, change } = document as { service?: unknown; change?: unknown };
  if (service !== undefined && typeof service !== 'string') throw new UsageError(`${file}: service must be a string`);
  const flags: RepositoryConfig['change'] = {};
  if (change !== undefined && change !== null) {
    if (typeof change !== 'object' || Array.isArray(change)) throw new UsageError(`${file}: change must be a mapping of flags`);
    for (const [key, value] of Object.entries(change)) {
      if (!(FLAGS as readonly string[]).includes(key)) throw new UsageError(`${file}: change.${key} is not a flag; known: ${FLAGS.join(', ')}`);
      if (typeof value !== 'boolean') throw new UsageError(`${file}: change.${key} must be true or false`);
      flags[key as (typeof FLAGS)[number]] = value;
    }
  }
  return { service, change: flags };
}
