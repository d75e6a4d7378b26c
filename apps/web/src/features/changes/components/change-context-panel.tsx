import type { ChangeContextComparisonDto, ChangeContextMetricDto } from '@escapement/domain';
import { useId, useMemo } from 'react';
import { Link } from 'react-router-dom';
import { CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartSkeleton } from '../../../components/ui/chart-skeleton';
import { QueryContent } from '../../../components/ui/query-content';
import { formatMonth, formatPercent, formatPercentAxis } from '../../../lib/format';
import { useChangeContext, type ChangeContextParams } from '../api/get-change-context';
import { coverageRows } from '../coverage-rows';

const PALETTE = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2', '#4d7c0f', '#be185d'];
const FLAG_LABELS: Record<string, string> = {
  all: 'All four',
  threatModelLinked: 'Threat model linked',
  acceptanceCriteria: 'Acceptance criteria',
  promptContext: 'Context in the prompt',
  reviewedAgainstModel: 'Reviewed against the model',
};
const CLASS_LABELS: Record<string, string> = { design: 'Design-level', pattern: 'Pattern-level', all: 'All' };

/** Coverage of context over time, and escape rates of changes with and without it. */
export function ChangeContextPanel(params: ChangeContextParams) {
  const metric = useChangeContext(params);
  return (
    <QueryContent
      query={metric}
      what="change context"
      loading={<ChartSkeleton label="Loading change context" testId="state-loading" />}
      isEmpty={(data) => data.changes + data.immatureChanges === 0}
      empty={{
        title: 'No changes recorded yet',
        body: (
          <p>
            Record each merged change from CI with <code>npx escapement change record</code> (see docs/changes.md).
          </p>
        ),
      }}
    >
      {(data) => (
        <>
          <Coverage metric={data} />
          <Comparison metric={data} />
          <EscapedWithoutContext metric={data} />
        </>
      )}
    </QueryContent>
  );
}

function Coverage({ metric }: { metric: ChangeContextMetricDto }) {
  const titleId = useId();
  const { rows, teams } = useMemo(() => coverageRows(metric.coverage), [metric.coverage]);
  return (
    <section className="card" aria-labelledby={titleId} data-testid="coverage-chart">
      <header className="card-header">
        <h2 id={titleId}>Changes that carried threat context</h2>
        <p className="muted">Per team and month, the share of changes with all four flags true. Dashed lines mark each team&apos;s adoption.</p>
      </header>
      <div className="chart-plot" style={{ height: 300 }}>
        <LineChart data={rows} responsive style={{ width: '100%', height: '100%' }} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid vertical={false} className="chart-grid" />
          <XAxis dataKey="period" tickFormatter={formatMonth} tickLine={false} />
          <YAxis domain={[0, 1]} tickFormatter={formatPercentAxis} tickLine={false} axisLine={false} width={48} />
          <Tooltip formatter={(value) => formatPercent(typeof value === 'number' ? value : null)} labelFormatter={(label) => formatMonth(String(label))} />
          {teams.map((team, index) => (
            <Line key={team} dataKey={team} name={team} stroke={PALETTE[index % PALETTE.length]} dot={false} connectNulls={false} isAnimationActive={false} />
          ))}
          {metric.adoptions.map((adoption) => {
            const index = teams.indexOf(adoption.teamName ?? 'No team');
            const month = `${adoption.startedAt.slice(0, 7)}-01`;
            return (
              <ReferenceLine
                key={`${adoption.teamName}-${adoption.startedAt}`}
                x={month}
                stroke={PALETTE[Math.max(index, 0) % PALETTE.length]}
                strokeDasharray="4 4"
                label={{ value: `${adoption.teamName ?? adoption.serviceName} adopts`, position: 'insideTopLeft', fontSize: 11 }}
              />
            );
          })}
        </LineChart>
      </div>
    </section>
  );
}

const rate = (side: ChangeContextComparisonDto['with']) => (side.rate === null ? '—' : `${formatPercent(side.rate)} (${side.escaped}/${side.findings})`);
const interval = (low: number | null, high: number | null) => (low === null || high === null ? '' : ` [${low.toFixed(2)}, ${high.toFixed(2)}]`);

function Comparison({ metric }: { metric: ChangeContextMetricDto }) {
  const titleId = useId();
  return (
    <section className="card" aria-labelledby={titleId}>
      <header className="card-header">
        <h2 id={titleId}>Escape rate of changes with and without context</h2>
        <p className="muted">
          Findings a change introduced that escaped past {metric.boundary.replace('_', ' ')}, counted when first detected within {metric.horizonDays} days of
          their introduction; {metric.changes} changes compared ({metric.immatureChanges} younger than that left out). &ldquo;Without&rdquo; includes changes
          whose flag is unknown.
        </p>
      </header>
      <div className="table-scroll table-wide" tabIndex={0} role="region" aria-label="Escape rates with and without context">
        <table className="plain-table" data-testid="change-context-table">
          <thead>
            <tr>
              <th scope="col">Flag</th>
              <th scope="col">Class</th>
              <th scope="col" className="numeric">
                With: changes
              </th>
              <th scope="col" className="numeric">
                With: escape rate
              </th>
              <th scope="col" className="numeric">
                Without: changes
              </th>
              <th scope="col" className="numeric">
                Without: escape rate
              </th>
              <th scope="col" className="numeric">
                Difference [95% CI]
              </th>
              <th scope="col" className="numeric">
                Odds ratio within team × quarter [95% CI]
              </th>
              <th scope="col" className="numeric">
                p (findings)
              </th>
              <th scope="col" className="numeric">
                p (changes shuffled)
              </th>
            </tr>
          </thead>
          <tbody>
            {metric.comparisons.map((c) => (
              <tr key={`${c.flag}-${c.findingClass}`} data-flag={c.flag} data-class={c.findingClass}>
                <th scope="row">{FLAG_LABELS[c.flag]}</th>
                <td>{CLASS_LABELS[c.findingClass]}</td>
                <td className="numeric">{c.with.changes}</td>
                <td className="numeric">{rate(c.with)}</td>
                <td className="numeric">{c.without.changes}</td>
                <td className="numeric">{rate(c.without)}</td>
                <td className="numeric">
                  {c.difference ? `${formatPercent(c.difference.estimate)} [${formatPercent(c.difference.low)}, ${formatPercent(c.difference.high)}]` : '—'}
                </td>
                <td className="numeric">
                  {c.stratified.oddsRatio === null ? '—' : `${c.stratified.oddsRatio.toFixed(2)}${interval(c.stratified.low, c.stratified.high)}`}
                </td>
                <td className="numeric">{c.stratified.pValue === null ? '—' : c.stratified.pValue.toFixed(3)}</td>
                <td className="numeric">{c.stratified.clusterPValue === null ? '—' : c.stratified.clusterPValue.toFixed(3)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="small muted" data-testid="change-context-caveats">
        <p>What this cannot tell you:</p>
        <ul>
          <li>
            It is an association, not proof of cause. Teams choose which changes get context; if they give it to the risky ones, or to the easy ones, the rates
            differ for that reason too.
          </li>
          <li>
            The odds ratio compares changes of the same team in the same quarter, so a team&apos;s general quality or a good quarter does not pass for the
            flag&apos;s effect; it cannot remove differences between changes inside a team.
          </li>
          <li>
            Several findings of one change are not independent: the findings-level p-value treats them as if they were and is optimistic; the p-value with
            changes shuffled within team and quarter respects that and is the one to read. Unknown flags count as &ldquo;without&rdquo;, which dilutes a real
            difference.
          </li>
        </ul>
      </div>
    </section>
  );
}

function EscapedWithoutContext({ metric }: { metric: ChangeContextMetricDto }) {
  const titleId = useId();
  return (
    <section className="card" aria-labelledby={titleId}>
      <header className="card-header">
        <h2 id={titleId}>Escaped design-level findings from changes without full context</h2>
        <p className="muted">Ready for follow-up: the context existed or could have; it did not reach the change.</p>
      </header>
      {metric.escapedWithoutContext.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Escaped design-level findings without context">
          <table className="plain-table" data-testid="escaped-without-context">
            <thead>
              <tr>
                <th scope="col">Finding</th>
                <th scope="col">Service</th>
                <th scope="col">Change</th>
                <th scope="col">Detected</th>
              </tr>
            </thead>
            <tbody>
              {metric.escapedWithoutContext.slice(0, 10).map((e) => (
                <tr key={e.findingId}>
                  <td>
                    <Link to={`/findings/${e.findingId}`}>{e.title}</Link>
                  </td>
                  <td>{e.serviceName}</td>
                  <td>
                    <Link to={`/changes/${e.changeId}`}>{e.changeRef}</Link>
                  </td>
                  <td>{e.detectedAt.slice(0, 10)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
