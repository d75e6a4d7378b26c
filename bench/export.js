#!/usr/bin/env node
/**
 * Exports of many findings stream in constant memory: N findings (default 1,000,000) are loaded straight
 * into a fresh database, then the built server, as its own process started afresh for each format, exports
 * them all as CSV, XLSX, JSON and SARIF over HTTP while its resident memory is sampled. The figure to watch
 * is each format's peak against the idle server: it must not grow with N.
 * Options: --findings N (default 1000000), --formats csv,xlsx,json,sarif. Needs a PostgreSQL server:
 * DATABASE_URL names an empty database to use, else one is made with createdb on the local server.
 * Writes bench/results/<date>-export-<N>.{json,md}.
 */
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const { Client } = require('pg');

const root = path.resolve(__dirname, '..');
const option = (name, fallback) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? process.argv[index + 1] : fallback;
};
const findings = Number(option('findings', '1000000'));
const formats = option('formats', 'csv,xlsx,json,sarif').split(',');

function rssMb(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return { now: Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024), peak: Math.round(Number(/VmHWM:\s+(\d+)/.exec(status)[1]) / 1024) };
}

/** One findings table load in SQL: services, then findings spread over them, as an import would leave them. */
async function load(url, count) {
  const client = new Client({ connectionString: url });
  await client.connect();
  await client.query(`INSERT INTO teams (name) VALUES ('Payments'), ('Identity') ON CONFLICT DO NOTHING`);
  await client.query(`INSERT INTO services (name, team_id) SELECT 'service-' || i, (SELECT id FROM teams ORDER BY name LIMIT 1 OFFSET i % 2) FROM generate_series(1, 20) i`);
  const chunk = 100_000;
  for (let start = 0; start < count; start += chunk) {
    await client.query(
      `INSERT INTO findings (service_id, fingerprint, title, severity, cwe_ids, rule_id, tool, source_kind, repo, path, line, introduced_at, finding_class, first_detected_stage, first_detected_at)
       SELECT (SELECT id FROM services WHERE name = 'service-' || (1 + i % 20)), 'fp-' || i, 'Finding ' || i || ': "quoted", =formula-like, Платёж',
              (ARRAY['info','low','medium','high','critical'])[1 + i % 5]::severity, ARRAY[79 + i % 3], 'rule-' || (i % 40), 'semgrep', 'sast',
              'github.com/acme/service-' || (1 + i % 20), 'src/module-' || (i % 500) || '/file-' || i || '.ts', 1 + i % 300,
              timestamptz '2025-01-01' + (i % 500) * interval '1 day', (ARRAY['design','pattern'])[1 + i % 2]::finding_class,
              (ARRAY['design','code_review','ci','pre_release','production'])[1 + i % 5]::detection_stage,
              timestamptz '2025-01-02' + (i % 500) * interval '1 day'
         FROM generate_series($1::int, $2::int) i`,
      [start, Math.min(count, start + chunk) - 1],
    );
  }
  await client.query('ANALYZE');
  await client.end();
}

/** Downloads an export, counting bytes and sampling the server's memory while it streams. */
function download(url, token, pid) {
  return new Promise((resolve, reject) => {
    const samples = [];
    const timer = setInterval(() => samples.push(rssMb(pid).now), 250);
    const started = Date.now();
    http.get(url, { headers: { authorization: `Bearer ${token}` } }, (response) => {
      let bytes = 0;
      if (response.statusCode !== 200) reject(new Error(`HTTP ${response.statusCode}`));
      response.on('data', (c) => (bytes += c.length));
      response.on('end', () => {
        clearInterval(timer);
        resolve({ bytes, seconds: (Date.now() - started) / 1000, rssMaxSampledMb: Math.max(...samples, rssMb(pid).now) });
      });
    }).on('error', reject);
  });
}

/** The built API as its own process on a free port, with the demo off. */
async function startServer(url) {
  const server = spawn(process.execPath, [path.join(root, 'apps/api/dist/apps/api/src/main.js')], {
    env: { ...process.env, DATABASE_URL: url, PORT: '0', ESCAPEMENT_DEMO: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  server.stdout.on('data', (c) => (output += c));
  let base = null;
  for (const deadline = Date.now() + 60_000; !base && Date.now() < deadline; ) {
    base = /dashboard and API on (http:\/\/localhost:\d+)/.exec(output)?.[1] ?? null;
    await new Promise((r) => setTimeout(r, 100));
  }
  if (!base) throw new Error(`server did not start:\n${output}`);
  return { server, base };
}

async function main() {
  let url = process.env.DATABASE_URL;
  let made = null;
  if (!url) {
    made = `escapement_bench_export_${process.pid}`;
    const created = spawnSync('createdb', ['-h', '127.0.0.1', '-U', 'postgres', made], { encoding: 'utf8' });
    if (created.status !== 0) throw new Error(`createdb failed (set DATABASE_URL): ${created.stderr}`);
    url = `postgres://postgres@127.0.0.1:5432/${made}`;
  }
  const cli = (args) => spawnSync(process.execPath, [path.join(root, 'apps/cli/bin/escapement.js'), ...args], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: url } });
  try {
    const migrated = cli(['db', 'migrate']);
    if (migrated.status !== 0) throw new Error(`migrate failed: ${migrated.stderr}`);
    const loadStarted = Date.now();
    await load(url, findings);
    const loadSeconds = (Date.now() - loadStarted) / 1000;
    const token = cli(['admin', 'create-token', '--name', 'bench-export', '--scopes', 'export']).stdout.trim();

    // A fresh server per format, so each format's peak is its own and not what an earlier one left behind.
    const runs = {};
    for (const format of formats) {
      const { server, base } = await startServer(url);
      const idle = rssMb(server.pid).now;
      const run = await download(`${base}/api/v1/exports/findings?format=${format}`.replace('localhost', '127.0.0.1'), token, server.pid);
      runs[format] = { ...run, serverRssIdleMb: idle, serverRssPeakMb: rssMb(server.pid).peak };
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    }
    const idle = Math.min(...Object.values(runs).map((r) => r.serverRssIdleMb));
    const peak = Math.max(...Object.values(runs).map((r) => r.serverRssPeakMb));

    const result = { date: new Date().toISOString(), findings, loadSeconds: +loadSeconds.toFixed(1), serverRssIdleMb: idle, serverRssPeakMb: peak, runs };
    const outDir = path.join(root, 'bench', 'results');
    fs.mkdirSync(outDir, { recursive: true });
    const stem = `${result.date.slice(0, 10)}-export-${findings}`;
    fs.writeFileSync(path.join(outDir, `${stem}.json`), JSON.stringify(result, null, 2) + '\n');
    const md = [
      `# Findings export ${result.date}: ${findings.toLocaleString('en')} findings, PostgreSQL, server as its own process`,
      '',
      `- server resident memory: ${idle} MB idle, ${peak} MB peak (VmHWM) over every export below, each in a fresh server`,
      ...Object.entries(runs).map(
        ([format, r]) => `- ${format}: ${(r.bytes / 1024 / 1024).toFixed(0)} MB in ${r.seconds.toFixed(1)} s (${Math.round(findings / r.seconds).toLocaleString('en')} findings/s), server RSS ${r.serverRssIdleMb} MB idle, at most ${r.rssMaxSampledMb} MB sampled while streaming, ${r.serverRssPeakMb} MB peak`,
      ),
      '',
    ].join('\n');
    fs.writeFileSync(path.join(outDir, `${stem}.md`), md);
    console.log(md);
  } finally {
    if (made) spawnSync('dropdb', ['-h', '127.0.0.1', '-U', 'postgres', '--if-exists', made]);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
