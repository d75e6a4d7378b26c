import type { ContextFlag, ContextFlagSource, ContextFlagValue, ContextFlags } from '../api/changes';
import { CONTEXT_FLAGS } from '../api/changes';

/** What Escapement's own records say of a change: which kinds of context were served naming its ref. */
export interface ServedContext {
  /** A context pack (or a whole model) was served: threat context was at hand for the prompt. */
  pack: boolean;
  /** Acceptance criteria were served for its ticket. */
  criteria: boolean;
  /** A review checklist was served, or a review against the model recorded. */
  review: boolean;
}

/** The flags a serving can vouch for; whether the ticket linked the model is only known from CI or the ticket system. */
const DERIVED_FROM: Record<ContextFlag, keyof ServedContext | null> = {
  threatModelLinked: null,
  acceptanceCriteria: 'criteria',
  promptContext: 'pack',
  reviewedAgainstModel: 'review',
};

/**
 * A flag's value: what CI declared (or a ticket export said) wins, since it is someone's statement about
 * this change; when nobody said, a recorded serving makes it true ("derived"); otherwise it is unknown.
 * A missing serving never makes a flag false: the context may have come from elsewhere.
 */
export function resolveContextFlag(stated: boolean | null, statedSource: ContextFlagSource | null, served: boolean): ContextFlagValue {
  if (stated !== null) return { value: stated, source: statedSource ?? 'declared' };
  if (served) return { value: true, source: 'derived' };
  return { value: null, source: null };
}

export function resolveContextFlags(stated: Record<ContextFlag, { value: boolean | null; source: ContextFlagSource | null }>, served: ServedContext): ContextFlags {
  const flags = {} as ContextFlags;
  for (const flag of CONTEXT_FLAGS) {
    const from = DERIVED_FROM[flag];
    flags[flag] = resolveContextFlag(stated[flag].value, stated[flag].source, from !== null && served[from]);
  }
  return flags;
}

/** A change carried threat context when all four flags are true. */
export function hasFullContext(flags: ContextFlags): boolean {
  return CONTEXT_FLAGS.every((flag) => flags[flag].value === true);
}
