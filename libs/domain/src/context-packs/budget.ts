import type { ContextBudgetDto } from '../api/context';

/** Token budgets are turned into characters at this rate: a common estimate for English text and code. */
export const CHARS_PER_TOKEN = 4;
/** The budget when the request gives none: about 4,000 tokens, a slice of a prompt rather than all of it. */
export const DEFAULT_MAX_CHARS = 16_000;

export interface Budget {
  maxChars: number;
  maxTokens: number | null;
}

/** The character budget of a request: the smaller of the two limits when both are given. */
export function budgetOf(limits: { maxChars?: number | null; maxTokens?: number | null }): Budget {
  const fromTokens = limits.maxTokens == null ? null : limits.maxTokens * CHARS_PER_TOKEN;
  const maxChars = Math.min(limits.maxChars ?? (fromTokens === null ? DEFAULT_MAX_CHARS : Infinity), fromTokens ?? Infinity);
  return { maxChars, maxTokens: limits.maxTokens ?? null };
}

export type CutKind = 'escape' | 'asset' | 'boundary' | 'criterion' | 'threat';

/** A part of a pack that may be left out to fit the budget; lower scores go first. */
export interface CutCandidate {
  kind: CutKind;
  key: string;
  score: number;
}

/** At equal score, cut evidence and surroundings before what the code must do, and criteria before their threat. */
const KIND_ORDER: Record<CutKind, number> = { escape: 0, asset: 1, boundary: 2, criterion: 3, threat: 4 };

export const cutId = (kind: CutKind, key: string) => `${kind}:${key}`;

/**
 * The order parts are cut in: lowest score first; at equal score by kind (above), then the part shown
 * last first, so what remains is always a prefix of each ranked list.
 */
export function cutOrder(candidates: readonly CutCandidate[]): CutCandidate[] {
  return candidates
    .map((candidate, index) => ({ candidate, index }))
    .sort((a, b) => a.candidate.score - b.candidate.score || KIND_ORDER[a.candidate.kind] - KIND_ORDER[b.candidate.kind] || b.index - a.index)
    .map(({ candidate }) => candidate);
}

export interface Fitted<T> {
  text: string;
  /** What `render` built along with the text, for the cuts chosen. */
  value: T;
  removed: ReadonlySet<string>;
  budget: ContextBudgetDto;
}

/**
 * Renders with the fewest cuts that fit the budget. `render` gets the ids of the parts to leave out
 * (see `cutId`) and the budget to state at the end (the same object is updated with the final
 * length, so the value may hold it), and returns the whole output with the value it shows. Cuts are taken in
 * `cutOrder`; when even cutting everything does not fit (a budget smaller than the header), the
 * output with everything cut is returned, marked truncated.
 */
export function fitToBudget<T>(
  candidates: readonly CutCandidate[],
  budget: Budget,
  render: (removed: ReadonlySet<string>, budget: ContextBudgetDto) => { text: string; value: T },
): Fitted<T> {
  const order = cutOrder(candidates);
  const attempt = (count: number): Fitted<T> => {
    const cuts = order.slice(0, count);
    const removed = new Set(cuts.map((cut) => cutId(cut.kind, cut.key)));
    const dto: ContextBudgetDto = {
      maxChars: budget.maxChars,
      maxTokens: budget.maxTokens,
      usedChars: 0,
      truncated: count > 0,
      cut: {
        threats: cuts.filter((cut) => cut.kind === 'threat').map((cut) => cut.key),
        criteria: cuts.filter((cut) => cut.kind === 'criterion').length,
        escapes: cuts.filter((cut) => cut.kind === 'escape').length,
        boundaries: cuts.filter((cut) => cut.kind === 'boundary').length,
        assets: cuts.filter((cut) => cut.kind === 'asset').length,
      },
    };
    // The output may state its own length: render until the stated length is the length.
    let rendered = render(removed, dto);
    for (let i = 0; i < 4 && dto.usedChars !== rendered.text.length; i++) {
      dto.usedChars = rendered.text.length;
      rendered = render(removed, dto);
    }
    return { ...rendered, removed, budget: dto };
  };
  const whole = attempt(0);
  if (whole.text.length <= budget.maxChars) return whole;
  // Fewest cuts that fit, by bisection (each cut removes a part and adds at most a short mention of
  // it); `best` always holds the attempt for `high`, which fits.
  let low = 1;
  let high = order.length;
  let best = attempt(high);
  if (best.text.length > budget.maxChars) return best;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    const fitted = attempt(middle);
    if (fitted.text.length <= budget.maxChars) {
      best = fitted;
      high = middle;
    } else low = middle + 1;
  }
  return best;
}
