import { rateChange, rateWithCounts, reportPercent, reportPoints, VERDICT_HEADLINES, verdictStatistics, type TeamReportDto } from '@escapement/domain';
import { trendPath } from '../report-quarters';

const CLASS_LABELS: Record<string, string> = { design: 'Design-level', pattern: 'Pattern-level', unclassified: 'Unclassified' };
const CLASS_COLOURS: Record<string, string> = { design: '#c2410c', pattern: '#2563eb', unclassified: '#6b7280' };

/** The report as a page that prints on A4 (the PDF holds the same figures). */
export function TeamReport({ report }: { report: TeamReportDto }) {
  const h = report.headline;
  const rows: [string, string, string, string][] = [
    ['Escape rate, all findings', rateWithCounts(h.all.current), rateWithCounts(h.all.previous), reportPoints(rateChange(h.all.current, h.all.previous))],
    [
      'Escape rate, design-level',
      rateWithCounts(h.design.current),
      rateWithCounts(h.design.previous),
      reportPoints(rateChange(h.design.current, h.design.previous)),
    ],
    [
      'Escape rate, pattern-level',
      rateWithCounts(h.pattern.current),
      rateWithCounts(h.pattern.previous),
      reportPoints(rateChange(h.pattern.current, h.pattern.previous)),
    ],
    ['Findings', String(h.all.current.findings), String(h.all.previous.findings), ''],
    ['Production escapes', String(h.productionEscapes.current), String(h.productionEscapes.previous), ''],
    ['Cost of escapes (relative units)', String(h.escapeCost.current), String(h.escapeCost.previous), ''],
  ];
  const v = report.verdict;
  const c = report.coverage;
  return (
    <article className="report" data-testid="team-report">
      <header className="report-title">
        <h2>{report.title}</h2>
        <p className="muted">
          {report.period.from} to the day before {report.period.to}, compared with {report.previousPeriod.label}. Escapes: first detected at or after{' '}
          {report.boundary}.
        </p>
      </header>

      <section className="report-section" aria-labelledby="report-headline">
        <h3 id="report-headline">Headline</h3>
        <table className="report-table" data-testid="report-headline">
          <thead>
            <tr>
              <th scope="col" />
              <th scope="col">{report.period.label}</th>
              <th scope="col">{report.previousPeriod.label}</th>
              <th scope="col">Change</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([label, ...cells]) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                {cells.map((cell, i) => (
                  <td key={i} className="numeric">
                    {cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="report-section" aria-labelledby="report-verdict">
        <h3 id="report-verdict">Has the practice worked?</h3>
        <p className="muted">{v.subject}</p>
        {v.code === null ? (
          <p>
            <strong>No verdict:</strong> {v.unavailable}.
          </p>
        ) : (
          <>
            <p className="report-verdict">{VERDICT_HEADLINES[v.code]}</p>
            <p>{v.words}</p>
            <p className="small muted">{verdictStatistics(v)}</p>
          </>
        )}
      </section>

      <section className="report-section" aria-labelledby="report-next">
        <h3 id="report-next">What to look at next</h3>
        {report.nextSteps.length === 0 ? (
          <p>Nothing stands out in the figures of this period.</p>
        ) : (
          <ul>
            {report.nextSteps.map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ul>
        )}
      </section>

      <section className="report-section report-page-break" aria-labelledby="report-trend">
        <h3 id="report-trend">Escape-rate trend by class</h3>
        <TrendChart report={report} />
      </section>

      <section className="report-section" aria-labelledby="report-coverage">
        <h3 id="report-coverage">Change-context coverage</h3>
        {c.changes === 0 ? (
          <p>No changes were recorded in the period.</p>
        ) : (
          <table className="report-table">
            <tbody>
              {(
                [
                  ['Threat model linked to the ticket', c.threatModelLinked],
                  ['Security acceptance criteria', c.acceptanceCriteria],
                  ['Threat context in the AI prompt', c.promptContext],
                  ['Reviewed against the model', c.reviewedAgainstModel],
                  ['All four', c.allFour],
                ] as const
              ).map(([label, share]) => (
                <tr key={label}>
                  <th scope="row">{label}</th>
                  <td className="numeric">{reportPercent(share)}</td>
                </tr>
              ))}
              <tr>
                <th scope="row">Escape rate with all four / without</th>
                <td className="numeric">
                  {reportPercent(c.withContextRate)} / {reportPercent(c.withoutContextRate)}
                </td>
              </tr>
            </tbody>
          </table>
        )}
      </section>

      <section className="report-section" aria-labelledby="report-components">
        <h3 id="report-components">Components that leak most</h3>
        {report.components.length === 0 ? (
          <p>No escape of the period is linked to a threat-model component.</p>
        ) : (
          <table className="report-table">
            <thead>
              <tr>
                <th scope="col">Component</th>
                <th scope="col">Escapes</th>
                <th scope="col">Context gap</th>
                <th scope="col">Model gap</th>
              </tr>
            </thead>
            <tbody>
              {report.components.map((component) => (
                <tr key={component.component}>
                  <th scope="row">{component.component}</th>
                  <td className="numeric">{component.escaped}</td>
                  <td className="numeric">{component.contextGap}</td>
                  <td className="numeric">{component.modelGap}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="report-section" aria-labelledby="report-open">
        <h3 id="report-open">Open escaped design-level findings</h3>
        {report.openDesignEscapes.total === 0 ? (
          <p>None.</p>
        ) : (
          <>
            <p className="muted">
              {report.openDesignEscapes.total}
              {report.openDesignEscapes.more ? ' or more' : ''} open; the most severe first.
            </p>
            <ul>
              {report.openDesignEscapes.items.map((finding) => (
                <li key={finding.id}>
                  <a href={`/findings/${finding.id}`}>{finding.title}</a> — {finding.severity}, {finding.service}, found {finding.detectedAt.slice(0, 10)} (
                  {finding.stage}), {finding.gap.replace('_', ' ')}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <section className="report-section" aria-labelledby="report-cost">
        <h3 id="report-cost">Cost of escapes</h3>
        <p>
          {h.escapeCost.current} relative units in {report.period.label}, against {h.escapeCost.previous} in {report.previousPeriod.label} (stage weight ×
          severity weight per escape).
        </p>
      </section>
    </article>
  );
}

function TrendChart({ report }: { report: TeamReportDto }) {
  const width = 640;
  const height = 180;
  const series = report.trend.series;
  const periods = series[0]?.points.map((p) => p.period) ?? [];
  const ceiling = Math.min(1, Math.max(0.1, Math.ceil(Math.max(0, ...series.flatMap((s) => s.points.map((p) => p.rate ?? 0))) * 10) / 10));
  const step = periods.length > 1 ? width / (periods.length - 1) : 0;
  const firstImmature = periods.findIndex((period) => series.some((s) => s.points.some((p) => p.period === period && !p.mature)));
  return (
    <figure className="report-chart">
      <svg viewBox={`-40 -10 ${width + 60} ${height + 40}`} role="img" aria-label={`Escape rate by class per month, up to ${Math.round(ceiling * 100)}%`}>
        {[0, 0.5, 1].map((f) => (
          <g key={f}>
            <line x1={0} x2={width} y1={height - f * height} y2={height - f * height} stroke="#cbd2d9" strokeWidth={0.5} />
            <text x={-6} y={height - f * height + 3} fontSize={9} textAnchor="end" fill="#616e7c">{`${Math.round(f * ceiling * 100)}%`}</text>
          </g>
        ))}
        {firstImmature >= 0 && (
          <rect x={firstImmature * step - 4} y={0} width={width - firstImmature * step + 4} height={height} fill="#616e7c" fillOpacity={0.08} />
        )}
        {report.trend.adoptions.map((adoption) => {
          const index = periods.indexOf(`${adoption.startedAt.slice(0, 7)}-01`);
          return index < 0 ? null : (
            <line
              key={`${adoption.team}-${adoption.startedAt}`}
              x1={index * step}
              x2={index * step}
              y1={0}
              y2={height}
              stroke="#1f2933"
              strokeDasharray="3 3"
            />
          );
        })}
        {series.map((s) => (
          <path key={s.key} d={trendPath(s.points, width, height, ceiling)} fill="none" stroke={CLASS_COLOURS[s.key] ?? '#1f2933'} strokeWidth={1.5} />
        ))}
        {series.flatMap((s) =>
          s.points.map((p, i) =>
            p.rate === null ? null : (
              <circle
                key={`${s.key}-${p.period}`}
                cx={i * step}
                cy={height - (Math.min(p.rate, ceiling) / ceiling) * height}
                r={2.5}
                fill={p.mature ? CLASS_COLOURS[s.key] : '#ffffff'}
                stroke={CLASS_COLOURS[s.key] ?? '#1f2933'}
              />
            ),
          ),
        )}
        {periods.map((period, i) =>
          i % 2 === 0 ? (
            <text key={period} x={i * step} y={height + 14} fontSize={9} textAnchor="middle" fill="#616e7c">
              {period.slice(0, 7)}
            </text>
          ) : null,
        )}
      </svg>
      <figcaption className="small muted">
        {series.map((s) => CLASS_LABELS[s.key] ?? s.key).join(', ')} escape rate per month. Hollow points and the shaded months are immature (under{' '}
        {report.trend.followUpDays} days of follow-up); dashed lines mark adoptions.
      </figcaption>
    </figure>
  );
}
