import PDFDocument from 'pdfkit';
import {
  rateChange,
  rateWithCounts,
  reportPercent,
  reportPoints,
  VERDICT_HEADLINES,
  verdictStatistics,
  type ReportRate,
  type TeamReportDto,
} from '@escapement/domain';
import { face, PLAIN, registerReportFonts } from './report-fonts';

type Doc = PDFKit.PDFDocument;

const PAGE = { width: 595.28, height: 841.89, margin: 50 };
const WIDTH = PAGE.width - 2 * PAGE.margin;
const INK = '#1f2933';
const MUTED = '#616e7c';
const RULE = '#cbd2d9';
/** One colour per finding class, as on the dashboard's charts. */
const CLASS_COLOURS: Record<string, string> = { design: '#c2410c', pattern: '#2563eb', unclassified: '#6b7280' };
const GAP_COLOURS = { contextGap: '#b45309', modelGap: '#7c3aed' };

/**
 * The report drawn with pdfkit: three A4 pages (summary; trend and coverage; components and open
 * findings), charts as vector paths, fonts embedded. Pure drawing: every figure comes from `report`.
 */
export function renderReportPdf(report: TeamReportDto): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: PAGE.margin,
    bufferPages: true,
    info: { Title: report.title, Author: 'Escapement', Subject: `Security report ${report.period.label}`, CreationDate: new Date(report.generatedAt) },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  registerReportFonts(doc);

  summaryPage(doc, report);
  doc.addPage();
  trendPage(doc, report);
  doc.addPage();
  componentsPage(doc, report);
  footers(doc, report);
  doc.end();
  return done;
}

function heading(doc: Doc, text: string): void {
  doc.moveDown(0.6).font(face('bold', text)).fontSize(13).fillColor(INK).text(text, PAGE.margin, doc.y, { width: WIDTH });
  const y = doc.y + 2;
  doc.moveTo(PAGE.margin, y).lineTo(PAGE.margin + WIDTH, y).lineWidth(0.5).strokeColor(RULE).stroke();
  doc.y = y + 6;
}

function paragraph(doc: Doc, text: string, options: { size?: number; colour?: string; bold?: boolean } = {}): void {
  doc.font(face(options.bold ? 'bold' : 'regular', text)).fontSize(options.size ?? 10).fillColor(options.colour ?? INK).text(text, PAGE.margin, doc.y, { width: WIDTH, lineGap: 2 });
}

function summaryPage(doc: Doc, report: TeamReportDto): void {
  const subject = report.team ?? (report.title.startsWith('Your teams') ? 'Your teams' : 'Organisation');
  doc.font(face('bold', subject)).fontSize(20).fillColor(INK).text(subject, PAGE.margin, PAGE.margin);
  paragraph(doc, `Security report, ${report.period.label} (${report.period.from} to the day before ${report.period.to}), compared with ${report.previousPeriod.label}.`, { colour: MUTED });
  paragraph(doc, `Escapes: findings first detected at or after ${report.boundary}. Generated ${report.generatedAt.slice(0, 16).replace('T', ' ')} UTC.`, { colour: MUTED, size: 9 });

  heading(doc, 'Headline');
  const h = report.headline;
  const rows: [string, string, string, string][] = [
    ['Escape rate, all findings', rateWithCounts(h.all.current), rateWithCounts(h.all.previous), reportPoints(rateChange(h.all.current, h.all.previous))],
    ['Escape rate, design-level', rateWithCounts(h.design.current), rateWithCounts(h.design.previous), reportPoints(rateChange(h.design.current, h.design.previous))],
    ['Escape rate, pattern-level', rateWithCounts(h.pattern.current), rateWithCounts(h.pattern.previous), reportPoints(rateChange(h.pattern.current, h.pattern.previous))],
    ['Findings', String(h.all.current.findings), String(h.all.previous.findings), signed(h.all.current.findings - h.all.previous.findings)],
    ['Production escapes', String(h.productionEscapes.current), String(h.productionEscapes.previous), signed(h.productionEscapes.current - h.productionEscapes.previous)],
    ['Cost of escapes (relative units)', String(h.escapeCost.current), String(h.escapeCost.previous), signed(Math.round((h.escapeCost.current - h.escapeCost.previous) * 10) / 10)],
  ];
  table(doc, [report.period.label, report.previousPeriod.label, 'Change'], rows, [190, 115, 115, 75]);
  paragraph(doc, 'Rates count each finding once, in the month its flaw was introduced (else first detected); a 95% Wilson interval for the escape rate this period is ' + interval(h.all.current) + '.', { size: 8, colour: MUTED });

  heading(doc, 'Has the practice worked?');
  const v = report.verdict;
  paragraph(doc, v.subject, { colour: MUTED, size: 9 });
  if (v.code === null) {
    paragraph(doc, `No verdict: ${v.unavailable}.`, { bold: true });
  } else {
    paragraph(doc, `${VERDICT_HEADLINES[v.code]}${v.findingClass ? ` (${v.findingClass === 'all' ? 'all findings' : `${v.findingClass}-level findings`})` : ''}`, { bold: true, size: 12 });
    paragraph(doc, v.words);
    paragraph(doc, verdictStatistics(v), { size: 9, colour: MUTED });
    if (v.preTrendDiffers) paragraph(doc, 'Warning: adopters and controls already differed before the adoption (pre-trend check).', { size: 9, colour: '#b91c1c' });
  }
  paragraph(doc, 'The verdict compares the adopters’ change with services that had not adopted (difference in differences), with a randomisation test over whole services; the adopters’ own before/after alone is not evidence.', { size: 8, colour: MUTED });

  heading(doc, 'What to look at next');
  if (report.nextSteps.length === 0) paragraph(doc, 'Nothing stands out in the figures of this period.');
  for (const step of report.nextSteps) {
    const y = doc.y;
    doc.circle(PAGE.margin + 4, y + 6, 2).fillColor(INK).fill();
    doc.font(face('regular', step)).fontSize(10).fillColor(INK).text(step, PAGE.margin + 14, y, { width: WIDTH - 14, lineGap: 2 });
    doc.moveDown(0.3);
  }
}

function trendPage(doc: Doc, report: TeamReportDto): void {
  doc.y = PAGE.margin;
  heading(doc, 'Escape-rate trend by class');
  paragraph(doc, `Monthly escape rate by finding class over the year to ${report.period.label}. Hollow points are immature months (less than ${report.trend.followUpDays} days of follow-up): their rates will still rise. Dashed lines mark adoptions.`, { size: 9, colour: MUTED });
  lineChart(doc, report, doc.y + 8, 230);

  heading(doc, 'Change-context coverage');
  const c = report.coverage;
  if (c.changes === 0) paragraph(doc, 'No changes (PRs/MRs) were recorded in the period.');
  else {
    paragraph(doc, `${c.changes} changes in the period; share carrying each kind of threat context:`, { size: 9, colour: MUTED });
    const bars: [string, number | null][] = [
      ['Threat model linked to the ticket', c.threatModelLinked],
      ['Security acceptance criteria', c.acceptanceCriteria],
      ['Threat context in the AI prompt', c.promptContext],
      ['Reviewed against the model', c.reviewedAgainstModel],
      ['All four', c.allFour],
    ];
    for (const [label, share] of bars) bar(doc, label, share);
    paragraph(doc, `Escape rate of findings from changes with all four: ${reportPercent(c.withContextRate)}; without: ${reportPercent(c.withoutContextRate)} (a comparison, not proof: teams that record context may differ in other ways).`, { size: 9, colour: MUTED });
  }
}

function componentsPage(doc: Doc, report: TeamReportDto): void {
  doc.y = PAGE.margin;
  heading(doc, 'Components that leak most');
  if (report.components.length === 0) paragraph(doc, 'No escape in the period is linked to a threat-model component.');
  else {
    paragraph(doc, 'Escapes per threat-model component. Context gap: the threat was already in the model, the context did not reach the code. Model gap: no threat of the model covered it.', { size: 9, colour: MUTED });
    const max = Math.max(...report.components.map((x) => x.escaped));
    doc.moveDown(0.4);
    for (const component of report.components) {
      const y = doc.y;
      doc.font(face('regular', component.component)).fontSize(9).fillColor(INK).text(component.component, PAGE.margin, y, { width: 200, ellipsis: true, lineBreak: false });
      const x0 = PAGE.margin + 205;
      const scale = 140 / Math.max(1, max);
      doc.rect(x0, y, component.contextGap * scale, 10).fillColor(GAP_COLOURS.contextGap).fill();
      doc.rect(x0 + component.contextGap * scale, y, component.modelGap * scale, 10).fillColor(GAP_COLOURS.modelGap).fill();
      // Room for the longest label on one line: the bars end 150 points after they start.
      doc.font(PLAIN).fontSize(8).fillColor(INK).text(`${component.escaped} escapes: ${component.contextGap} context, ${component.modelGap} model`, x0 + 148, y + 1, { width: WIDTH - 205 - 148, lineBreak: false });
      doc.y = y + 16;
    }
    legend(doc, [['Context gap', GAP_COLOURS.contextGap], ['Model gap', GAP_COLOURS.modelGap]]);
  }

  heading(doc, 'Open escaped design-level findings');
  const open = report.openDesignEscapes;
  if (open.total === 0) paragraph(doc, 'None: every escaped design-level finding of the period is closed.');
  else {
    paragraph(doc, `${open.total}${open.more ? ' or more' : ''} open; the most severe first${open.total > open.items.length ? ` (${open.items.length} shown)` : ''}.`, { size: 9, colour: MUTED });
    table(
      doc,
      ['Severity', 'Service', 'Found', 'Gap'],
      open.items.map((f) => [f.title, f.severity, f.service, `${f.detectedAt.slice(0, 10)} (${f.stage})`, f.gap.replace('_', ' ')]) as never,
      [180, 50, 90, 105, 70],
    );
  }

  heading(doc, 'Cost of escapes');
  const cost = report.headline.escapeCost;
  paragraph(doc, `${cost.current} relative units in ${report.period.label}, against ${cost.previous} in ${report.previousPeriod.label}. Each escape costs its stage weight times its severity weight (design 1, code review 2, CI 3, pre-release 5, production 10; info 0 to critical 8, by default): a finding stopped earlier costs less. The weights are configurable; see docs/metrics.md.`);
}

/** A simple table: first column left, the rest after it; a header row in bold. */
function table(doc: Doc, headers: string[], rows: string[][], widths: number[]): void {
  let y = doc.y + 2;
  const columns = widths.length;
  const x = (i: number) => PAGE.margin + widths.slice(0, i).reduce((a, b) => a + b, 0);
  const head = columns > headers.length ? ['', ...headers] : headers;
  head.forEach((text, i) => doc.font(face('bold', text)).fontSize(9).fillColor(INK).text(text, x(i), y, { width: widths[i] - 6, lineBreak: false }));
  y += 14;
  doc.moveTo(PAGE.margin, y - 2).lineTo(PAGE.margin + WIDTH, y - 2).lineWidth(0.5).strokeColor(RULE).stroke();
  for (const row of rows) {
    let height = 12;
    row.forEach((text, i) => {
      doc.font(face(i === 0 ? 'bold' : 'regular', text)).fontSize(9).fillColor(INK);
      height = Math.max(height, doc.heightOfString(text, { width: widths[i] - 6 }));
    });
    row.forEach((text, i) => {
      doc.font(face(i === 0 ? 'bold' : 'regular', text)).fontSize(9).fillColor(INK).text(text, x(i), y, { width: widths[i] - 6 });
    });
    y += height + 4;
  }
  doc.y = y + 2;
}

function lineChart(doc: Doc, report: TeamReportDto, top: number, height: number): void {
  const left = PAGE.margin + 36;
  const width = WIDTH - 36;
  const series = report.trend.series;
  const periods = [...new Set(series.flatMap((s) => s.points.map((p) => p.period)))].sort();
  const maxRate = Math.max(0.1, ...series.flatMap((s) => s.points.map((p) => p.rate ?? 0)));
  const ceiling = Math.min(1, Math.ceil(maxRate * 10) / 10);
  const xOf = (period: string) => left + (periods.length <= 1 ? width / 2 : (periods.indexOf(period) / (periods.length - 1)) * width);
  const yOf = (rate: number) => top + height - (rate / ceiling) * height;

  doc.lineWidth(0.5).strokeColor(RULE);
  for (let i = 0; i <= 4; i++) {
    const rate = (ceiling * i) / 4;
    doc.moveTo(left, yOf(rate)).lineTo(left + width, yOf(rate)).stroke();
    doc.font(PLAIN).fontSize(7).fillColor(MUTED).text(`${Math.round(rate * 100)}%`, PAGE.margin, yOf(rate) - 4, { width: 30, align: 'right', lineBreak: false });
  }
  periods.forEach((period, i) => {
    if (periods.length > 8 && i % 2 === 1) return;
    doc.font(PLAIN).fontSize(7).fillColor(MUTED).text(period.slice(0, 7), xOf(period) - 20, top + height + 4, { width: 40, align: 'center', lineBreak: false });
  });
  const firstImmature = periods.find((p) => series.some((s) => s.points.some((pt) => pt.period === p && !pt.mature)));
  if (firstImmature) {
    const x = xOf(firstImmature);
    doc.rect(x - 4, top, left + width - x + 4, height).fillOpacity(0.08).fillColor(MUTED).fill().fillOpacity(1);
    doc.font(PLAIN).fontSize(7).fillColor(MUTED).text('immature', x, top + 2, { lineBreak: false });
  }
  for (const adoption of report.trend.adoptions) {
    const month = `${adoption.startedAt.slice(0, 7)}-01`;
    if (!periods.includes(month)) continue;
    const x = xOf(month);
    doc.moveTo(x, top).lineTo(x, top + height).dash(3, { space: 3 }).lineWidth(0.8).strokeColor(INK).stroke().undash();
    const adopted = `${adoption.team ?? adoption.service ?? ''} adopted`;
    doc.font(face('regular', adopted)).fontSize(7).fillColor(INK).text(adopted, x + 2, top + 12, { lineBreak: false });
  }
  for (const s of series) {
    const colour = CLASS_COLOURS[s.key] ?? INK;
    const points = s.points.filter((p) => p.rate !== null);
    doc.lineWidth(1.5).strokeColor(colour);
    points.forEach((p, i) => {
      if (i === 0) return;
      const previous = points[i - 1];
      doc.moveTo(xOf(previous.period), yOf(previous.rate!)).lineTo(xOf(p.period), yOf(p.rate!));
      if (!p.mature) doc.dash(2, { space: 2 });
      doc.stroke().undash();
    });
    for (const p of points) {
      doc.circle(xOf(p.period), yOf(p.rate!), 2.5).lineWidth(1).strokeColor(colour);
      if (p.mature) doc.fillColor(colour).fillAndStroke(colour, colour);
      else doc.fillColor('#ffffff').fillAndStroke('#ffffff', colour);
    }
  }
  doc.y = top + height + 18;
  legend(doc, series.map((s) => [s.key === 'design' ? 'Design-level' : s.key === 'pattern' ? 'Pattern-level' : 'Unclassified', CLASS_COLOURS[s.key] ?? INK]));
}

function legend(doc: Doc, entries: [string, string][]): void {
  let x = PAGE.margin;
  const y = doc.y;
  for (const [label, colour] of entries) {
    doc.rect(x, y + 2, 10, 6).fillColor(colour).fill();
    doc.font(face('regular', label)).fontSize(8).fillColor(INK).text(label, x + 14, y, { lineBreak: false });
    x += 24 + doc.widthOfString(label);
  }
  doc.y = y + 14;
}

function bar(doc: Doc, label: string, share: number | null): void {
  const y = doc.y + 2;
  doc.font(face('regular', label)).fontSize(9).fillColor(INK).text(label, PAGE.margin, y, { width: 190, lineBreak: false });
  const x0 = PAGE.margin + 195;
  doc.rect(x0, y, 230, 10).fillColor('#e4e7eb').fill();
  if (share !== null) doc.rect(x0, y, 230 * share, 10).fillColor('#0f766e').fill();
  doc.font(PLAIN).fontSize(9).fillColor(INK).text(reportPercent(share), x0 + 238, y, { lineBreak: false });
  doc.y = y + 16;
}

function footers(doc: Doc, report: TeamReportDto): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Below the bottom margin pdfkit would start a new page; the footer belongs to this one.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const footer = `${report.title} · page ${i + 1} of ${range.count}`;
    doc.font(face('regular', footer)).fontSize(8).fillColor(MUTED).text(footer, PAGE.margin, PAGE.height - 35, { width: WIDTH, align: 'center', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
}

function signed(n: number): string {
  return n > 0 ? `+${n}` : n < 0 ? `−${Math.abs(n)}` : '±0';
}

function interval(rate: ReportRate): string {
  return rate.ciLow === null || rate.ciHigh === null ? 'not defined (no findings)' : `${reportPercent(rate.ciLow)} to ${reportPercent(rate.ciHigh)}`;
}
