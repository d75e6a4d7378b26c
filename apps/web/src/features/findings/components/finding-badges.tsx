import type { FindingClass, Severity } from '@escapement/domain';
import { Badge } from '../../../components/ui/badge';
import { CLASS_LABELS, GAP_LABELS, isFindingGap, labelOf, SEVERITY_LABELS } from '../../../lib/finding-labels';

export function SeverityBadge({ severity }: { severity: Severity }) {
  return <Badge tone={`severity-${severity}`}>{SEVERITY_LABELS[severity]}</Badge>;
}

export function ClassBadge({ findingClass }: { findingClass: FindingClass }) {
  return <Badge tone={`class-${findingClass}`}>{CLASS_LABELS[findingClass]}</Badge>;
}

export function GapBadge({ gap }: { gap: string }) {
  return <Badge tone={isFindingGap(gap) ? `gap-${gap}` : 'neutral'}>{labelOf(GAP_LABELS, gap)}</Badge>;
}

/** Escaped or not at the chosen boundary; words, not only colour. */
export function EscapedBadge({ escaped }: { escaped: boolean }) {
  return escaped ? <Badge tone="escaped">Escaped</Badge> : <Badge tone="stopped">Stopped</Badge>;
}
