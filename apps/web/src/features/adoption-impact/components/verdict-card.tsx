import { useId } from 'react';
import { Badge } from '../../../components/ui/badge';
import { STAGE_LABELS } from '../../../lib/stage-labels';
import { formatPoints } from '../impact-words';
import type { AdoptionVerdictResponse, ClassVerdict } from '@escapement/domain';
import {
  analysisWords,
  estimateWords,
  fallbackWords,
  horizonWords,
  intervalWords,
  lateEscapeWords,
  pWords,
  randomisationWords,
  sensitivityWords,
  VERDICT_LABELS,
  VERDICT_TONES,
} from '../verdict-words';
import { EventStudyChart } from './event-study-chart';
import { IMPACT_CLASS_LABELS } from './impact-bars-chart';

/** The minimal important difference, unsigned: a change of this size either way matters. */
const midWords = (mid: number) => `${Math.round(mid * 1000) / 10} points`;

const classLabel = (cls: string) => IMPACT_CLASS_LABELS[cls as keyof typeof IMPACT_CLASS_LABELS] ?? cls;

/**
 * The verdict, led by the class fixed in the primary analysis: what it says and why, the figures behind it,
 * what it cannot tell, and the event study. The adopters' own before/after appears only beside it.
 */
export function VerdictCard({ verdict, subject }: { verdict: AdoptionVerdictResponse; subject: string }) {
  const titleId = useId();
  const lead = verdict.classes[0];
  const primary = verdict.primaryAnalysis;
  return (
    <section className="card verdict-card" aria-labelledby={titleId} data-testid="verdict" data-analysis={verdict.analysis}>
      <header className="card-header">
        <h2 id={titleId}>Verdict: {subject}</h2>
        <p data-testid="verdict-analysis">
          <Badge tone={verdict.analysis === 'primary' ? 'analysis-primary' : 'analysis-exploratory'}>
            {verdict.analysis === 'primary' ? 'Primary' : 'Exploratory'}
          </Badge>{' '}
          {analysisWords(verdict)}: {classLabel(primary.findingClass).toLowerCase()} findings, escapes at or after {STAGE_LABELS[primary.boundary]}, horizon{' '}
          {primary.horizonRule}, minimal important difference {midWords(primary.minimalImportantDifference)}.
        </p>
      </header>
      {lead ? <LeadVerdict verdict={verdict} lead={lead} /> : <p>No class was analysed.</p>}
      {verdict.classes.length > 1 && <OtherClasses classes={verdict.classes} />}
    </section>
  );
}

function LeadVerdict({ verdict, lead }: { verdict: AdoptionVerdictResponse; lead: ClassVerdict }) {
  const code = lead.verdict.code;
  const own = lead.adoptersOwnChange;
  const boundary = STAGE_LABELS[verdict.boundary];
  return (
    <>
      <div className={`verdict-lead verdict-lead-${code}`} data-testid="verdict-lead" data-code={code}>
        <h3>
          {classLabel(lead.findingClass)} escapes past {boundary}:{' '}
          <span data-testid="verdict-code">
            <Badge tone={VERDICT_TONES[code]}>{VERDICT_LABELS[code]}</Badge>
          </span>
        </h3>
        <p data-testid="verdict-words">{lead.verdict.words}</p>
      </div>
      {lead.preTrend.differs && (
        <p className="verdict-warning" role="note" data-testid="pre-trend-warning">
          <strong>Warning: the trends already differed before adoption.</strong> Before adopting, the adopters’ escape rate moved differently from the controls’
          (pre-trend randomisation p = {pWords(lead.preTrend.pValue)}), so the difference after adoption may be part of a change already under way.
        </p>
      )}
      <dl className="impact-facts verdict-facts">
        <dt>Difference in differences</dt>
        <dd data-testid="verdict-estimate">{estimateWords(lead)}: the adopters’ change in escape rate net of the control services’ over the same days.</dd>
        <dt>Randomisation p-value</dt>
        <dd data-testid="verdict-p">{randomisationWords(lead)}</dd>
        <dt>Follow-up horizon H</dt>
        <dd data-testid="verdict-horizon">{horizonWords(verdict.horizon)}</dd>
        <dt>Escapes after H</dt>
        <dd>{lateEscapeWords(verdict.horizon)}</dd>
        <dt>Fallback dates</dt>
        <dd data-testid="verdict-fallback">{fallbackWords(lead.fallbackShare)}</dd>
        <dt>Sensitivity</dt>
        <dd data-testid="verdict-sensitivity">{sensitivityWords(lead)}</dd>
        <dt>Pre-trend check</dt>
        <dd>
          {lead.preTrend.pValue === null
            ? 'Not possible: no quarter before adoption besides the reference.'
            : `p = ${pWords(lead.preTrend.pValue)} (randomisation): ${lead.preTrend.differs ? 'the trends differed' : 'no sign that the trends differed'} before adoption.`}
        </dd>
        <dt>Power</dt>
        <dd>
          {lead.powerAtMinimalImportantDifference === null
            ? 'Not computed.'
            : `${Math.round(lead.powerAtMinimalImportantDifference * 100)}% to detect a true change of ${midWords(verdict.minimalImportantDifference)} (the minimal important difference).`}
        </dd>
        <dt>Beside it: the adopters’ own change</dt>
        <dd data-testid="verdict-own-change">
          {own
            ? `${formatPoints(own.estimate)} (${intervalWords(own.low, own.high)}) — not the verdict: an organisation-wide trend moves it too.`
            : 'Not available.'}
        </dd>
        <dt>Method</dt>
        <dd className="muted">{lead.method}.</dd>
      </dl>
      <div className="verdict-limits">
        <h3>What this verdict cannot tell</h3>
        <ul>
          <li>Which part of the practice made a difference, or whether another change that reached only the adopting teams at the same time did.</li>
          <li>Escapes that arrive later than H, and flaws that are never found, are not in the comparison.</li>
          <li>That the adopters would otherwise have moved like the controls: the pre-trend check can miss a difference that is there.</li>
          <li>
            “Too little data to tell” is not evidence that the practice does nothing; only “no important change” rules out a change as large as the minimal
            important difference.
          </li>
        </ul>
      </div>
      <h3 className="verdict-chart-title">Event study: {classLabel(lead.findingClass).toLowerCase()} escapes, per quarter relative to adoption (points)</h3>
      <EventStudyChart
        points={lead.eventStudy}
        title={`Event study of ${classLabel(lead.findingClass).toLowerCase()} escapes per quarter relative to adoption`}
      />
    </>
  );
}

function OtherClasses({ classes }: { classes: readonly ClassVerdict[] }) {
  return (
    <div className="table-scroll verdict-classes">
      <table className="plain-table" data-testid="verdict-classes">
        <caption>Every class, Holm-adjusted together</caption>
        <thead>
          <tr>
            <th scope="col">Class</th>
            <th scope="col">Verdict</th>
            <th scope="col">Difference in differences</th>
            <th scope="col">p (Holm)</th>
            <th scope="col">Units</th>
          </tr>
        </thead>
        <tbody>
          {classes.map((c) => (
            <tr key={c.findingClass} data-class={c.findingClass} data-code={c.verdict.code}>
              <th scope="row">
                {classLabel(c.findingClass)}
                {c.primary ? ' (primary)' : ''}
              </th>
              <td>
                <Badge tone={VERDICT_TONES[c.verdict.code]}>{VERDICT_LABELS[c.verdict.code]}</Badge>
              </td>
              <td>{estimateWords(c)}</td>
              <td>{pWords(c.adjustedPValue)}</td>
              <td>
                {c.units.adopting} adopting, {c.units.control} control
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
