import type { FindingClass } from '@escapement/domain';
import type { ChartConfig } from '../../../components/ui/chart-config';

/** Finding classes as the chart shows them; the colours are theme variables from the stylesheet. */
export const FINDING_CLASS_CHART_CONFIG = {
  design: { label: 'Design-level', color: 'var(--chart-1)' },
  pattern: { label: 'Pattern-level', color: 'var(--chart-2)' },
  unclassified: { label: 'Unclassified', color: 'var(--chart-3)', secondary: true },
} satisfies Record<FindingClass, ChartConfig[string]>;
