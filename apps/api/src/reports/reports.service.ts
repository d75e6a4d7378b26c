import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  datedPeriod,
  DETECTION_STAGES,
  isEscape,
  lastCompleteQuarter,
  leakiestComponents,
  nextSteps,
  pooledRate,
  previousPeriod,
  quarterPeriod,
  type AdoptionVerdictResponse,
  type ReportCoverage,
  type ReportPeriod,
  type ReportVerdict,
  type TeamReportDto,
} from '@escapement/domain';
import { AdoptionsService } from '../adoptions/adoptions.service';
import { actorOf, type Principal } from '../auth/principal';
import { AuditLog } from '../audit/audit-log.repository';
import { ChangesService } from '../changes/changes.service';
import { DomainError, invalid } from '../common/domain-error';
import { FindingsService } from '../findings/findings.service';
import { AdoptionImpactService } from '../metrics/adoption-impact.service';
import { ContainmentService } from '../metrics/containment.service';
import { MetricsService } from '../metrics/metrics.service';
import { OrganisationRefsRepository } from '../teams/organisation-refs.repository';
import type { TeamReportQuery } from './report.dto';
import { renderReportPdf } from './report-pdf';

const BOUNDARY = 'ci' as const;
/** Open escaped design-level findings the report lists; past it, "and more". */
const OPEN_LISTED = 10;
const OPEN_COUNTED = 500;

/** The period a report covers and the one it compares with, as the caller asked for it. */
export interface ReportRequest {
  team?: string;
  from?: string;
  to?: string;
  quarter?: string;
}

/**
 * The team or organisation report: headline figures against the previous period, the trend by class with
 * adoptions, the adoption verdict, change-context coverage, leaking components, open design-level escapes,
 * the cost of escapes and what to look at next. Every figure comes from the metric services the dashboard
 * uses, with the caller's team limits, so the report and the pages cannot disagree.
 */
@Injectable()
export class ReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly refs: OrganisationRefsRepository,
    private readonly metrics: MetricsService,
    private readonly impact: AdoptionImpactService,
    private readonly containment: ContainmentService,
    private readonly changes: ChangesService,
    private readonly findings: FindingsService,
    private readonly adoptions: AdoptionsService,
    private readonly audit: AuditLog,
  ) {}

  /** The report's figures (what the printable page shows); audited as `report.viewed`. */
  async teamReport(request: ReportRequest, principal: Principal, now = new Date()): Promise<TeamReportDto> {
    const report = await this.build(request, principal, now);
    await this.record(principal, 'report.viewed', report, 'json');
    return report;
  }

  /**
   * The report as a PDF, drawn by the server (no browser): for the API's `team.pdf`, the command line and
   * scheduled delivery. Audited as `report.rendered`.
   */
  async renderTeamPdf(request: ReportRequest, principal: Principal, now = new Date()): Promise<{ pdf: Buffer; report: TeamReportDto }> {
    const report = await this.build(request, principal, now);
    const pdf = await renderReportPdf(report);
    await this.record(principal, 'report.rendered', report, 'pdf');
    return { pdf, report };
  }

  private async record(principal: Principal, action: string, report: TeamReportDto, format: string): Promise<void> {
    await this.audit.record(this.dataSource.manager, {
      actor: actorOf(principal),
      action,
      subjectType: 'report',
      subjectId: report.teamId,
      details: { format, team: report.team, from: report.period.from, to: report.period.to, teams: principal.teams },
    });
  }

  async build(request: ReportRequest | TeamReportQuery, principal: Principal, now: Date): Promise<TeamReportDto> {
    const teams = principal.teams;
    const period = periodOf(request, now);
    const previous = previousPeriod(period);
    const teamId = await this.refs.teamId(request.team, teams);
    const teamName = teamId ? await this.refs.teamName(teamId, teams) : null;
    if (teamId && !teamName) throw invalid('No such team', [{ parameter: 'team', message: 'no team with this id that you can see' }]);
    const scope = teamId ? { team: teamId } : {};
    const title = `${teamName ?? (teams ? 'Your teams' : 'Organisation')} — security report, ${period.label}`;

    const trendFrom = shiftMonths(period.to, -12);
    const [current, before, trend, gaps, costNow, costBefore, coverage, adoptions] = await Promise.all([
      this.metrics.escapeRate({ groupBy: 'class', bucket: 'month', boundary: BOUNDARY, from: period.from, to: period.to, ...scope }, teams),
      this.metrics.escapeRate({ groupBy: 'class', bucket: 'month', boundary: BOUNDARY, from: previous.from, to: previous.to, ...scope }, teams),
      this.metrics.escapeRate({ groupBy: 'class', bucket: 'month', boundary: BOUNDARY, from: trendFrom < period.from ? trendFrom : period.from, to: period.to, ...scope }, teams),
      this.metrics.gapSeries({ groupBy: 'component', bucket: 'month', boundary: BOUNDARY, from: period.from, to: period.to, ...scope }, teams),
      this.containment.containment({ groupBy: 'class', from: period.from, to: period.to, ...scope }, teams),
      this.containment.containment({ groupBy: 'class', from: previous.from, to: previous.to, ...scope }, teams),
      this.coverage(period, teamId, teams, now),
      this.adoptions.list(teams),
    ]);
    const points = (response: typeof current, key?: string) => response.series.filter((s) => key === undefined || s.key === key).flatMap((s) => s.points);
    const [prodNow, prodBefore] = await Promise.all([
      this.metrics.escapeRate({ groupBy: 'class', bucket: 'month', boundary: 'production', from: period.from, to: period.to, ...scope }, teams),
      this.metrics.escapeRate({ groupBy: 'class', bucket: 'month', boundary: 'production', from: previous.from, to: previous.to, ...scope }, teams),
    ]);
    const escapedCost = (cost: { byStage: Record<string, number> }) =>
      Math.round(DETECTION_STAGES.filter((s) => isEscape(s, BOUNDARY)).reduce((sum, s) => sum + (cost.byStage[s] ?? 0), 0) * 10) / 10;
    const relevantAdoptions = adoptions.filter((a) => !teamId || a.teamId === teamId);

    const open = await this.findings.list({ team: teamId, class: 'design', escaped: 'true', boundary: BOUNDARY, status: 'open', sort: 'severity', order: 'desc', limit: OPEN_COUNTED }, teams);
    const facts: Omit<TeamReportDto, 'nextSteps'> = {
      team: teamName,
      teamId: teamId ?? null,
      title,
      period,
      previousPeriod: previous,
      boundary: BOUNDARY,
      generatedAt: now.toISOString(),
      headline: {
        all: { current: pooledRate(points(current)), previous: pooledRate(points(before)) },
        design: { current: pooledRate(points(current, 'design')), previous: pooledRate(points(before, 'design')) },
        pattern: { current: pooledRate(points(current, 'pattern')), previous: pooledRate(points(before, 'pattern')) },
        productionEscapes: { current: pooledRate(points(prodNow)).escaped, previous: pooledRate(points(prodBefore)).escaped },
        escapeCost: { current: escapedCost(costNow.cost.total), previous: escapedCost(costBefore.cost.total) },
      },
      trend: {
        followUpDays: trend.followUpDays,
        series: trend.series
          .filter((s) => s.key !== 'unclassified' || s.points.some((p) => p.total > 0))
          .map((s) => ({ key: s.key, points: s.points.map((p) => ({ period: p.period, rate: p.rate, findings: p.total, escaped: p.escaped, mature: p.mature })) })),
        adoptions: relevantAdoptions.map((a) => ({ team: a.teamName, service: a.serviceName, practice: a.practice, startedAt: a.startedAt })),
      },
      verdict: await this.verdict(teamId, teamName, relevantAdoptions, teams, now),
      coverage,
      components: leakiestComponents(gaps.series),
      openDesignEscapes: {
        total: open.items.length,
        more: open.nextCursor !== null,
        items: open.items.slice(0, OPEN_LISTED).map((f) => ({ id: f.id, title: f.title, severity: f.severity, service: f.serviceName, stage: f.firstDetectedStage, detectedAt: f.firstDetectedAt, gap: f.gap })),
      },
    };
    return { ...facts, nextSteps: nextSteps(facts) };
  }

  /** The team's first adoption's verdict, or every adoption of the organisation's most adopted practice, pooled. */
  private async verdict(teamId: string | undefined, teamName: string | null, adoptions: { practice: string; startedAt: string; teamName: string | null }[], teams: Principal['teams'], now: Date): Promise<ReportVerdict> {
    const practice = mostCommon(adoptions.map((a) => a.practice));
    const subject = teamId
      ? adoptions[0]
        ? `${teamName} adopted ${adoptions[0].practice} on ${adoptions[0].startedAt}`
        : `${teamName}: no adoption recorded`
      : practice
        ? `Every adoption of ${practice} (${adoptions.filter((a) => a.practice === practice).length}), analysed together`
        : 'No adoption recorded';
    const none = (why: string): ReportVerdict => ({
      subject, code: null, words: why, unavailable: why, findingClass: null, analysis: null, estimate: null, ciLow: null, ciHigh: null, pValue: null,
      adoptingUnits: null, controlUnits: null, horizonDays: null, preTrendDiffers: null, fallbackShare: null,
    });
    if (!practice) return none(teamId ? `no adoption is recorded for ${teamName}` : 'no adoption is recorded');
    let answer: { verdict: AdoptionVerdictResponse };
    try {
      answer = await this.impact.impact(teamId ? { team: teamId } : { practice }, teams, now);
    } catch (error) {
      if (error instanceof DomainError) return none(error.message.replace(/\.$/, ''));
      throw error;
    }
    const verdict = answer.verdict;
    const primary = verdict.classes[0];
    if (!primary) return none('the analysis found no class to judge');
    return {
      subject,
      code: primary.verdict.code,
      words: primary.verdict.words,
      unavailable: null,
      findingClass: primary.findingClass,
      analysis: verdict.analysis,
      estimate: primary.estimate,
      ciLow: primary.interval?.low ?? null,
      ciHigh: primary.interval?.high ?? null,
      pValue: primary.adjustedPValue ?? primary.pValue,
      adoptingUnits: primary.units.adopting,
      controlUnits: primary.units.control,
      horizonDays: verdict.horizon.horizonDays,
      preTrendDiffers: primary.preTrend.differs,
      fallbackShare: primary.fallbackShare,
    };
  }

  private async coverage(period: ReportPeriod, teamId: string | undefined, teams: Principal['teams'], now: Date): Promise<ReportCoverage> {
    const metric = await this.changes.metric({ boundary: BOUNDARY, horizonDays: 180, team: teamId, from: period.from, to: period.to }, teams, now);
    const sum = (key: 'changes' | 'threatModelLinked' | 'acceptanceCriteria' | 'promptContext' | 'reviewedAgainstModel' | 'all') => metric.coverage.reduce((total, p) => total + p[key], 0);
    const changes = sum('changes');
    const share = (n: number) => (changes === 0 ? null : n / changes);
    const all = metric.comparisons.find((c) => c.flag === 'all' && c.findingClass === 'all');
    return {
      changes,
      threatModelLinked: share(sum('threatModelLinked')),
      acceptanceCriteria: share(sum('acceptanceCriteria')),
      promptContext: share(sum('promptContext')),
      reviewedAgainstModel: share(sum('reviewedAgainstModel')),
      allFour: share(sum('all')),
      withContextRate: all?.with.rate ?? null,
      withoutContextRate: all?.without.rate ?? null,
    };
  }
}

/** The period asked for: a quarter, or from and to, or by default the last complete quarter. */
export function periodOf(request: ReportRequest, now: Date): ReportPeriod {
  if (request.quarter) {
    if (request.from || request.to) throw invalid('Give a quarter or from and to, not both', [{ parameter: 'quarter', message: 'not together with from or to' }]);
    const quarter = quarterPeriod(request.quarter);
    if (!quarter) throw invalid('quarter must look like 2026-Q3', [{ parameter: 'quarter', message: `${request.quarter} is not a quarter` }]);
    return quarter;
  }
  if (request.from || request.to) {
    if (!request.from || !request.to) throw invalid('Give both from and to', [{ parameter: request.from ? 'to' : 'from', message: 'required with the other' }]);
    if (request.from >= request.to) throw invalid('from must be before to', [{ parameter: 'from', message: `${request.from} is not before ${request.to}` }]);
    if (Date.parse(request.to) - Date.parse(request.from) > 3 * 366 * 86_400_000) throw invalid('A report covers at most three years', [{ parameter: 'to', message: 'more than three years after from' }]);
    return datedPeriod(request.from, request.to);
  }
  return lastCompleteQuarter(now);
}

/** The first of the month `months` after (or before) the month holding `day`. */
function shiftMonths(day: string, months: number): string {
  const d = new Date(`${day.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

function mostCommon(values: string[]): string | null {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? null;
}
