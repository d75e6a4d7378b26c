import type { GapsResponse } from '@escapement/domain';

export interface LeakingComponent {
  service: string;
  component: string;
  escaped: number;
  contextGap: number;
  modelGap: number;
}

export interface ComponentLeaks {
  /** Components with escapes, the leakiest first. */
  components: LeakingComponent[];
  /** Escapes no component of any model matches. */
  unmodelled: number;
}

const UNMODELLED = '(unmodelled)';

/**
 * Ranks components across all models by escaped findings over the whole period, each split into
 * context gaps (the model named the threat first) and model gaps (it did not). Ties go by name so the
 * order is stable.
 */
export function rankLeakingComponents(response: GapsResponse, limit = 10): ComponentLeaks {
  let unmodelled = 0;
  const components: LeakingComponent[] = [];
  for (const series of response.series) {
    const sum = series.points.reduce(
      (acc, p) => ({ escaped: acc.escaped + p.escaped, contextGap: acc.contextGap + p.contextGap, modelGap: acc.modelGap + p.modelGap }),
      { escaped: 0, contextGap: 0, modelGap: 0 },
    );
    if (series.key === UNMODELLED) {
      unmodelled += sum.escaped;
      continue;
    }
    if (sum.escaped === 0) continue;
    const split = series.key.indexOf(' / ');
    components.push({ service: split < 0 ? '' : series.key.slice(0, split), component: split < 0 ? series.key : series.key.slice(split + 3), ...sum });
  }
  components.sort((a, b) => b.escaped - a.escaped || a.service.localeCompare(b.service) || a.component.localeCompare(b.component));
  return { components: components.slice(0, limit), unmodelled };
}
