import type { TeamReportDto } from '../api/reports';

type ReportFacts = Omit<TeamReportDto, 'nextSteps'>;

const percent = (share: number) => `${Math.round(share * 100)}%`;
const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const spelled = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
const number = (n: number) => spelled[n] ?? String(n);
const were = (n: number) => (n === 1 ? 'was' : 'were');

/** Fewer findings than this in a period, and a change of rate is not worth a line. */
const MIN_FINDINGS_TO_COMPARE = 20;
/** A rise or fall of the escape rate that a line is given for, in points. */
const NOTABLE_CHANGE = 0.05;
/** Below this share of changes carrying all four context flags, coverage is worth a line. */
const LOW_COVERAGE = 0.5;

/**
 * "What to look at next": a few lines derived from the report's own figures, most pressing first. Each
 * names the thing to look at and why, in the product's words; none is given without the figures for it.
 */
export function nextSteps(report: ReportFacts, limit = 5): string[] {
  const steps: { priority: number; text: string }[] = [];
  const contextGaps = [...report.components].sort((a, b) => b.contextGap - a.contextGap || a.component.localeCompare(b.component))[0];
  if (contextGaps && contextGaps.contextGap >= 2) {
    steps.push({
      priority: 1,
      text: `${capitalise(number(contextGaps.contextGap))} escapes in ${contextGaps.component} ${were(contextGaps.contextGap)} already in the threat model: the context did not reach the code. Check that its threats reach tickets, prompts and reviews.`,
    });
  }
  const modelGaps = [...report.components].sort((a, b) => b.modelGap - a.modelGap || a.component.localeCompare(b.component))[0];
  if (modelGaps && modelGaps.modelGap >= 2) {
    steps.push({
      priority: 2,
      text: `${capitalise(number(modelGaps.modelGap))} escapes in ${modelGaps.component} ${were(modelGaps.modelGap)} in no threat of the model: the threat model missed them. Review the model of ${modelGaps.component}.`,
    });
  }
  const open = report.openDesignEscapes;
  if (open.total > 0) {
    const oldest = [...open.items].sort((a, b) => a.detectedAt.localeCompare(b.detectedAt))[0];
    steps.push({
      priority: 3,
      text: `${capitalise(count(open.total, 'escaped design-level finding'))}${open.more ? ' or more' : ''} ${open.total === 1 ? 'is' : 'are'} still open${oldest ? `, the oldest found on ${oldest.detectedAt.slice(0, 10)} (“${oldest.title}”)` : ''}.`,
    });
  }
  const { current, previous } = report.headline.all;
  if (current.rate !== null && previous.rate !== null && current.findings >= MIN_FINDINGS_TO_COMPARE && previous.findings >= MIN_FINDINGS_TO_COMPARE) {
    const change = current.rate - previous.rate;
    if (change >= NOTABLE_CHANGE) {
      steps.push({ priority: 2.5, text: `The escape rate rose from ${percent(previous.rate)} to ${percent(current.rate)} against ${report.previousPeriod.label}: look at which classes and services drove it.` });
    } else if (change <= -NOTABLE_CHANGE) {
      steps.push({ priority: 6, text: `The escape rate fell from ${percent(previous.rate)} to ${percent(current.rate)} against ${report.previousPeriod.label}; the adoption verdict says whether the practice can take credit.` });
    }
  }
  const coverage = report.coverage;
  if (coverage.changes > 0 && coverage.allFour !== null && coverage.allFour < LOW_COVERAGE) {
    steps.push({ priority: 4, text: `Only ${percent(coverage.allFour)} of ${count(coverage.changes, 'change')} carried all four context flags: the practice is not yet routine.` });
  } else if (coverage.changes === 0) {
    steps.push({ priority: 7, text: 'No changes were recorded in the period: record them from CI (escapement change record) to see whether context reaches the code.' });
  }
  const verdict = report.verdict;
  if (verdict.code === null) steps.push({ priority: 5, text: `No adoption verdict yet: ${verdict.unavailable ?? 'no adoption is recorded'}.` });
  else if (verdict.code === 'too-little-data') steps.push({ priority: 5, text: 'The adoption verdict needs more data before it can tell: keep recording findings with their introduction dates (upload with --blame).' });
  else if (verdict.preTrendDiffers) steps.push({ priority: 5, text: 'Adopters and controls were already drifting apart before the adoption: read the verdict with care.' });
  const immature = report.trend.series.flatMap((s) => s.points).filter((p) => !p.mature && p.findings > 0);
  if (immature.length > 0 && steps.length < limit) {
    const months = new Set(immature.map((p) => p.period)).size;
    steps.push({ priority: 8, text: `The last ${count(months, 'month')} of the trend ${months === 1 ? 'is' : 'are'} immature: more of their escapes are still to be found, so their rates will rise.` });
  }
  return steps
    .sort((a, b) => a.priority - b.priority)
    .slice(0, limit)
    .map((s) => s.text);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
