import type {
  AcceptanceCriteriaDto,
  AcceptanceCriterionDto,
  ContextBudgetDto,
  ContextComponentDto,
  ContextLayer,
  ContextModelRef,
  ContextPackDto,
  PastEscapeDto,
  ReviewChecklistDto,
} from '../api/context';
import { cweLabel } from '../classification/cwe-label';
import { PWNISMS_LABELS } from '../model/pwnisms';
import { traceOf } from './acceptance-criteria';

/**
 * Markdown that pastes cleanly into an assistant's prompt and into common ticket systems (GitHub,
 * GitLab, Jira's Markdown paste): headings, bullet lists and task lists only, no tables or HTML.
 */
const layerLabel = (layer: ContextLayer) => (layer === 'unassigned' ? 'No layer given' : PWNISMS_LABELS[layer]);
const day = (iso: string) => iso.slice(0, 10);
/** Model text is the model author's; keep it to one line so it cannot break the list structure. */
const inline = (text: string) => text.replace(/\s+/g, ' ').trim();

function modelLine(model: ContextModelRef): string {
  return `Threat model "${inline(model.name)}", version ${model.version} (effective ${day(model.effectiveFrom)}).`;
}

function componentLine(component: ContextComponentDto): string {
  const facts = [`\`${component.key}\``, component.type, component.trustZone && `zone ${component.trustZone}`, component.layer && PWNISMS_LABELS[component.layer]].filter(Boolean);
  const paths = component.paths.length ? ` Files: ${component.paths.map((p) => `\`${p}\``).join(', ')}.` : '';
  return `- **${inline(component.name)}** (${facts.join(', ')})${component.description ? `: ${inline(component.description)}` : ''}${paths}`;
}

function criterionLine(criterion: AcceptanceCriterionDto): string {
  return `- [ ] ${inline(criterion.text)} — ${traceOf(criterion)}`;
}

function escapeLine(escape: PastEscapeDto): string {
  const where = escape.path ? ` in \`${escape.path}\`` : '';
  const trace = [escape.threatKey && `threat ${escape.threatKey}`, ...escape.cweIds.map((id) => `CWE-${id}`)].filter(Boolean).join(', ');
  return `- ${day(escape.detectedAt)}, found at ${escape.stage.replace('_', ' ')}, ${escape.severity}: ${inline(escape.title)}${where}${trace ? ` (${trace})` : ''}`;
}

function unmatchedLines(paths: readonly string[]): string[] {
  return paths.length ? ['', `No component of the model covers: ${paths.map((p) => `\`${p}\``).join(', ')}. The model may be missing them.`] : [];
}

/** The closing line that says what the budget left out; empty when nothing was cut. */
export function budgetNote(budget: ContextBudgetDto): string[] {
  if (!budget.truncated) return [];
  const { threats, criteria, escapes, boundaries, assets } = budget.cut;
  const shown = threats.slice(0, 10).join(', ') + (threats.length > 10 ? ', …' : '');
  const parts = [
    threats.length && `${threats.length} threat${threats.length === 1 ? '' : 's'} (${shown})`,
    criteria && `${criteria} acceptance criteri${criteria === 1 ? 'on' : 'a'}`,
    escapes && `${escapes} past escape${escapes === 1 ? '' : 's'}`,
    boundaries && `${boundaries} trust boundar${boundaries === 1 ? 'y' : 'ies'}`,
    assets && `${assets} connected component${assets === 1 ? '' : 's'}`,
  ].filter(Boolean);
  const limit = budget.maxTokens === null ? `${budget.maxChars} characters` : `about ${budget.maxTokens} tokens`;
  return ['', '---', `Cut to fit ${limit}: ${parts.join('; ')}. Ask with a larger maxChars or maxTokens, or fewer paths, for the rest.`];
}

export function renderPackMarkdown(pack: ContextPackDto): string {
  const title = pack.components.length ? pack.components.map((c) => inline(c.name)).join(', ') : 'no matching component';
  const lines = [`# Threat context: ${pack.service} — ${title}`, '', modelLine(pack.model) + (pack.changeRef ? ` Change: ${inline(pack.changeRef)}.` : '')];
  lines.push(...unmatchedLines(pack.unmatchedPaths));
  if (pack.components.length) lines.push('', '## Components', ...pack.components.map(componentLine));
  if (pack.boundaries.length) {
    lines.push('', '## Trust boundaries crossed');
    for (const b of pack.boundaries) lines.push(`- **${inline(b.name)}** (\`${b.key}\`): ${b.fromZone ?? '?'} → ${b.toZone ?? '?'}, crossed by ${b.crossedBy.map((k) => `\`${k}\``).join(', ')}`);
  }
  if (pack.assets.length) {
    lines.push('', '## Connected components and data');
    for (const a of pack.assets) lines.push(`- **${inline(a.name)}** (${[`\`${a.key}\``, a.type, a.trustZone && `zone ${a.trustZone}`].filter(Boolean).join(', ')})`);
  }
  if (pack.layers.length) {
    lines.push('', '## Threats, by PWNISMS layer, most important first');
    for (const group of pack.layers) {
      lines.push('', `### ${layerLabel(group.layer)}`);
      for (const t of group.threats) {
        const facts = [t.severity ?? 'severity not given', t.status.replace('_', ' '), ...t.cweIds.map(cweLabel), t.stride && `STRIDE ${t.stride.replace(/_/g, ' ')}`].filter(Boolean);
        const scope = t.components.length ? `components ${t.components.map((k) => `\`${k}\``).join(', ')}` : 'the whole system';
        lines.push(`- **${t.key}: ${inline(t.title)}** — ${facts.join(', ')}; ${scope}${t.escapes ? `; escaped ${t.escapes} time${t.escapes === 1 ? '' : 's'} before` : ''}.`);
        if (t.description) lines.push(`  ${inline(t.description)}`);
        for (const m of t.mitigations) lines.push(`  - Mitigation: ${inline(m.title)}${m.status ? ` (${m.status})` : ''}`);
      }
    }
  }
  if (pack.criteria.length) lines.push('', '## Security acceptance criteria', ...pack.criteria.map(criterionLine));
  if (pack.escapes.length) {
    lines.push('', `## What went wrong here before (${pack.escapeCount} escaped finding${pack.escapeCount === 1 ? '' : 's'}${pack.escapes.length < pack.escapeCount ? `, ${pack.escapes.length} shown` : ''})`);
    lines.push(...pack.escapes.map(escapeLine));
  } else if (pack.escapeCount === 0 && pack.components.length) lines.push('', '## What went wrong here before', '- No escaped findings in these components.');
  lines.push(...budgetNote(pack.budget));
  return lines.join('\n') + '\n';
}

export function renderCriteriaMarkdown(list: AcceptanceCriteriaDto): string {
  const title = list.components.length ? list.components.map((c) => inline(c.name)).join(', ') : 'no matching component';
  const lines = [`## Security acceptance criteria: ${list.service} — ${title}`, '', modelLine(list.model) + (list.changeRef ? ` Change: ${inline(list.changeRef)}.` : '')];
  lines.push(...unmatchedLines(list.unmatchedPaths), '');
  lines.push(...(list.criteria.length ? list.criteria.map(criterionLine) : ['- No threat of the model applies.']));
  lines.push(...budgetNote(list.budget));
  return lines.join('\n') + '\n';
}

export function renderChecklistMarkdown(list: ReviewChecklistDto): string {
  const lines = [`## Security review checklist: ${list.service}`, '', modelLine(list.model) + (list.changeRef ? ` Change: ${inline(list.changeRef)}.` : '')];
  lines.push(`${list.changedPaths.length} changed file${list.changedPaths.length === 1 ? '' : 's'}; components: ${list.components.length ? list.components.map((c) => `${inline(c.name)} (\`${c.key}\`)`).join(', ') : 'none'}.`);
  lines.push(...unmatchedLines(list.unmatchedPaths), '');
  if (list.items.length === 0) lines.push('- No threat of the model applies to these files.');
  for (const item of list.items) {
    const escaped = item.pastEscapes ? ` Escaped ${item.pastEscapes} time${item.pastEscapes === 1 ? '' : 's'} before.` : '';
    lines.push(`- [ ] ${inline(item.text)} — ${traceOf(item)}. Files: ${item.paths.map((p) => `\`${p}\``).join(', ')}.${escaped}`);
  }
  if (list.escapes.length) lines.push('', '### Escaped before in these components', ...list.escapes.map(escapeLine));
  lines.push(...budgetNote(list.budget));
  return lines.join('\n') + '\n';
}
