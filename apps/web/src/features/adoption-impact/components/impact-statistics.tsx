import { Badge } from '../../../components/ui/badge';
import { formatPercent } from '../../../lib/format';
import {
  differenceInDifferencesWords,
  differenceWords,
  formatPoints,
  formatPValue,
  pValueWords,
  testName,
  testReason,
  verdictExplanation,
} from '../impact-words';
import type { AdoptionImpactResponse, ImpactArm, ImpactClassResult } from '@escapement/domain';
import { IMPACT_CLASS_LABELS } from './impact-bars-chart';

function counts(arm: ImpactArm, side: 'before' | 'after'): string {
  const { escaped, total } = arm[side];
  return total > 0 ? `${formatPercent(escaped / total)} (${escaped} of ${total})` : 'no findings';
}

/** Per class: the adopters' change, the test and its verdict in words, the control group's change and the difference in differences. */
export function ImpactStatistics({ response }: { response: AdoptionImpactResponse }) {
  return (
    <div className="impact-grid">
      {response.classes.map((entry) => (
        <ClassStatistics key={entry.class} entry={entry} controlServices={response.control.services} />
      ))}
    </div>
  );
}

function ClassStatistics({ entry, controlServices }: { entry: ImpactClassResult; controlServices: number }) {
  const comparison = entry.treated.comparison;
  const control = entry.control.comparison;
  const headingId = `impact-${entry.class}`;
  return (
    <section className="impact-class" aria-labelledby={headingId} data-class={entry.class}>
      <header className="impact-class-header">
        <h3 id={headingId}>{IMPACT_CLASS_LABELS[entry.class]}</h3>
        {comparison && (
          <span data-testid={`verdict-${entry.class}`}>
            <Badge tone="info">own change: {comparison.verdict}</Badge>
          </span>
        )}
      </header>
      <dl className="impact-facts">
        <dt>Adopters</dt>
        <dd>
          {counts(entry.treated, 'before')} before, {counts(entry.treated, 'after')} after
          {comparison && differenceWords(comparison) && <>: {differenceWords(comparison)}</>}
        </dd>
        {comparison ? (
          <>
            <dt>Test</dt>
            <dd>
              {testName(comparison)}, {testReason(comparison)}: <strong>{formatPValue(comparison.pValue)}</strong>. {pValueWords(comparison.pValue)}
            </dd>
            <dt>Own change alone</dt>
            <dd>
              <strong>{comparison.verdict === 'likely real' ? 'Likely real.' : 'Could be chance.'}</strong> {verdictExplanation(comparison)}
            </dd>
          </>
        ) : (
          <>
            <dt>Verdict</dt>
            <dd>No comparison: one of the windows has no findings of this class.</dd>
          </>
        )}
        <dt>Control group</dt>
        <dd>
          {controlServices === 0
            ? 'No service without an adoption in these windows, so no control group.'
            : `${counts(entry.control, 'before')} before, ${counts(entry.control, 'after')} after` +
              (control?.difference ? `: ${formatPoints(control.difference.estimate)}` : '')}
        </dd>
        <dt>Difference in differences</dt>
        <dd>
          {entry.differenceInDifferences
            ? `${differenceInDifferencesWords(entry.differenceInDifferences)}: the adopters' change beyond the control group's, if both would otherwise have moved alike.`
            : 'Not available: both groups need findings in both windows.'}
        </dd>
      </dl>
    </section>
  );
}
