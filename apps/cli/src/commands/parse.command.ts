import { detectFileFormat, IMPORT_FORMATS, ImportParameters, readImport, type ImportFormat } from '@escapement/api';
import { ImportWarnings, type ImportWarning } from '@escapement/domain';
import * as path from 'node:path';
import { stringOption, UsageError, type ParsedArgs } from '../args';

interface FileSummary {
  file: string;
  format: ImportFormat | null;
  received: number;
  findings: number;
  suppressed: number;
  withCwe: number;
  cweIds: Record<string, number>;
  classes: Record<string, number>;
  tools: string[];
  fingerprints: string[];
  /** What the server would accept but change (replaced bytes, broken SARIF artifact indexes). */
  warnings: ImportWarning[];
  error?: string;
}

/**
 * `escapement parse FILE... [--json] [--format F]`: reads files offline exactly as the server would and
 * prints what would be imported, for checking scanner output before wiring it into CI.
 */
export async function parseCommand(args: ParsedArgs): Promise<number> {
  const files = args.positional.slice(1);
  if (files.length === 0) throw new UsageError('parse needs at least one file');
  const forced = stringOption(args, 'format');
  if (forced && !(IMPORT_FORMATS as readonly string[]).includes(forced)) throw new UsageError(`--format must be one of ${IMPORT_FORMATS.join(', ')}`);
  const summaries: FileSummary[] = [];
  for (const file of files) summaries.push(await summarise(file, forced as ImportFormat | undefined));
  if (args.options.has('json')) console.log(JSON.stringify(summaries, null, 2));
  else for (const s of summaries) console.log(describe(s));
  return summaries.some((s) => s.error) ? 1 : 0;
}

async function summarise(file: string, forced: ImportFormat | undefined): Promise<FileSummary> {
  const summary: FileSummary = { file, format: null, received: 0, findings: 0, suppressed: 0, withCwe: 0, cweIds: {}, classes: {}, tools: [], fingerprints: [], warnings: [] };
  try {
    summary.format = forced ?? detectFileFormat(file);
    if (!summary.format) throw new Error('format not recognised (SARIF 2.1.0, JSON findings or CSV)');
    const parameters = Object.assign(new ImportParameters(), { service: 'parsed-offline' });
    const tools = new Set<string>();
    const fingerprints = new Set<string>();
    const warnings = new ImportWarnings();
    for await (const { record, suppressed } of readImport(summary.format, { file, parameters, receivedAt: new Date(), warnings }, tools)) {
      summary.received += 1;
      if (fingerprints.has(record.fingerprint)) continue;
      fingerprints.add(record.fingerprint);
      if (suppressed) summary.suppressed += 1;
      if (record.cweIds.length) summary.withCwe += 1;
      for (const id of record.cweIds) summary.cweIds[`CWE-${id}`] = (summary.cweIds[`CWE-${id}`] ?? 0) + 1;
      summary.classes[record.findingClass] = (summary.classes[record.findingClass] ?? 0) + 1;
      if (record.tool) tools.add(record.tool);
    }
    summary.findings = fingerprints.size;
    summary.tools = [...tools].sort();
    summary.fingerprints = [...fingerprints].slice(0, 5);
    summary.warnings = warnings.list();
  } catch (error) {
    const e = error as Error & { errors?: { pointer?: string; line?: number; column?: number; message: string }[] };
    const first = e.errors?.[0];
    summary.error = `${e.message}${first && !e.message.includes(first.message) ? ` (${first.pointer ?? `line ${first.line}`}: ${first.message})` : ''}`;
  }
  return summary;
}

function describe(s: FileSummary): string {
  const name = path.basename(s.file);
  if (s.error) return `${name}: ERROR ${s.error}`;
  const cwes = Object.entries(s.cweIds)
    .sort((a, b) => b[1] - a[1])
    .map(([id, n]) => `${id}×${n}`)
    .join(' ');
  const classes = Object.entries(s.classes)
    .map(([c, n]) => `${c} ${n}`)
    .join(', ');
  return `${name}: ${s.format}, ${s.received} results → ${s.findings} findings (${s.suppressed} suppressed, ${s.withCwe} with CWE${classes ? `; ${classes}` : ''})${s.tools.length ? ` tools: ${s.tools.join(', ')}` : ''}${cwes ? `\n  CWE: ${cwes}` : ''}${s.warnings.map((w) => `\n  warning ${w.pointer ?? (w.line ? `line ${w.line}` : '')}: ${w.message}`).join('')}`;
}
