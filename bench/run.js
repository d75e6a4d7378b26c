#!/usr/bin/env node
/**
 * `npm run bench [-- --findings N] [-- --database-url URL]`: ingest rate, query latency and memory,
 * measured on the built server. Runs on a fresh embedded database by default; `--database-url` names an
 * EMPTY PostgreSQL database to measure instead. Writes bench/results/<date>-<target>.json and .md.
 */
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const api = require(path.join(root, 'apps/api/dist/apps/api/src/index.js'));
const { sha256 } = require(path.join(root, 'apps/api/dist/apps/api/src/auth/secrets.js'));

/** A throw-away admin token for the benchmark's own requests (the server requires one for everything). */
async function benchToken(server) {
  const { DataSource } = require(path.join(root, 'node_modules/typeorm'));
  const prefix = require('node:crypto').randomBytes(6).toString('hex');
  const secret = 'bench'.padEnd(43, '0');
  await server.app.get(DataSource).query(`INSERT INTO api_tokens (name, prefix, secret_sha256, scopes, created_by) VALUES ('bench', $1, $2, '{admin}', 'bench')`, [prefix, sha256(secret)]);
  return `esc_${prefix}_${secret}`;
}

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const findings = Number(option('findings', '100000'));
const databaseUrl = option('database-url', undefined);
const queryRuns = Number(option('runs', '40'));

async function firstAdoption(server) {
  const { DataSource } = require(path.join(root, 'node_modules/typeorm'));
  const [row] = await server.app.get(DataSource).query(`SELECT id FROM adoptions ORDER BY started_at LIMIT 1`);
  return row.id;
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

let authorization = '';

async function timeQuery(url, runs) {
  await fetch(url, { headers: { authorization } }); // warm-up: plan cache and buffers
  const times = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    const response = await fetch(url, { headers: { authorization } });
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    await response.arrayBuffer();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return { p50: +percentile(times, 50).toFixed(1), p95: +percentile(times, 95).toFixed(1), max: +Math.max(...times).toFixed(1) };
}

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'escapement-bench-'));
  const target = databaseUrl ? 'postgresql' : 'embedded';
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  const server = await api.startServer({ port: 0, dataDir, databaseUrl, demo: false, quiet: true, webDist: undefined });
  const results = { date: new Date().toISOString(), target, node: process.version, cpus: os.cpus().length, findings };
  try {
    authorization = `Bearer ${await benchToken(server)}`;
    const seeder = server.app.get(api.DemoSeeder);
    let started = Date.now();
    await seeder.seed({ findings, seed: 7 }, (done) => {
      if (done % 100_000 < 2_500) process.stdout.write(`  ${done.toLocaleString('en')} findings seeded\n`);
    });
    const seedSeconds = (Date.now() - started) / 1000;
    results.bulkIngest = { findings, seconds: +seedSeconds.toFixed(1), findingsPerSecond: Math.round(findings / seedSeconds) };

    // HTTP ingest: the path CI jobs take, 1,000 findings per request.
    const batches = 10;
    started = Date.now();
    for (let b = 0; b < batches; b++) {
      const body = Array.from({ length: 1000 }, (_, i) => ({
        service: `bench-${b % 3}`,
        sourceKind: 'sast',
        tool: 'semgrep',
        ruleId: `rule-${i % 50}`,
        title: `Bench finding ${b}-${i}`,
        severity: 'medium',
        cweIds: [79],
        location: { repo: 'github.com/acme/bench', path: `src/file-${i}.ts`, line: i },
        fingerprint: `bench-${b}-${i}`,
        detectedAt: '2026-06-01T00:00:00Z',
      }));
      const response = await fetch(`${server.url}/api/v1/findings`, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify(body) });
      if (!response.ok) throw new Error(`ingest answered ${response.status}: ${await response.text()}`);
    }
    const httpSeconds = (Date.now() - started) / 1000;
    results.httpIngest = { findings: batches * 1000, seconds: +httpSeconds.toFixed(2), findingsPerSecond: Math.round((batches * 1000) / httpSeconds) };

    results.queryLatencyMs = {
      'escape-rate by class, monthly': await timeQuery(`${server.url}/api/v1/metrics/escape-rate?groupBy=class&bucket=month`, queryRuns),
      'escape-rate by team, weekly, boundary production': await timeQuery(`${server.url}/api/v1/metrics/escape-rate?groupBy=team&bucket=week&boundary=production`, queryRuns),
      'findings, first page': await timeQuery(`${server.url}/api/v1/findings?limit=50`, queryRuns),
      'adoption impact (first adoption)': await timeQuery(`${server.url}/api/v1/metrics/adoption-impact?adoption=${await firstAdoption(server)}`, queryRuns),
      'containment by class': await timeQuery(`${server.url}/api/v1/metrics/containment?groupBy=class`, queryRuns),
    };
  } finally {
    clearInterval(sampler);
    await server.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  results.peakRssMb = Math.round(peakRss / 1024 / 1024);

  const outDir = path.join(root, 'bench', 'results');
  fs.mkdirSync(outDir, { recursive: true });
  const stem = `${results.date.slice(0, 10)}-${target}-${findings}`;
  fs.writeFileSync(path.join(outDir, `${stem}.json`), JSON.stringify(results, null, 2) + '\n');
  const lines = [
    `# Benchmark ${results.date} (${target}, ${findings.toLocaleString('en')} findings, ${results.cpus} cores, Node ${results.node})`,
    '',
    `- bulk ingest: ${results.bulkIngest.findingsPerSecond.toLocaleString('en')} findings/s (${results.bulkIngest.seconds} s)`,
    `- HTTP ingest: ${results.httpIngest.findingsPerSecond.toLocaleString('en')} findings/s (1,000 per request)`,
    ...Object.entries(results.queryLatencyMs).map(([name, t]) => `- ${name}: p50 ${t.p50} ms, p95 ${t.p95} ms`),
    `- peak resident memory of the API process: ${results.peakRssMb} MB`,
    '',
  ];
  fs.writeFileSync(path.join(outDir, `${stem}.md`), lines.join('\n'));
  console.log(lines.join('\n'));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
