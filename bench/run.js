#!/usr/bin/env node
/**
 * `npm run bench [-- --database-url URL] [-- --findings N]`: the issue's performance targets, measured
 * against the built server running as its own process, and each printed as "holds" or "falls short".
 *
 * For every size of the curve (10k, 100k and --findings, 1M by default) it seeds a fresh database
 * with the demo generator (its bulk load, which stores what uploads would), then measures ingest over HTTP (JSON,
 * 1,000 findings a request, and a SARIF log posted to /imports), the p50/p95 of every dashboard and API
 * read, and the API's resident memory. At the largest size it also copies the same findings and
 * detections with a raw COPY into tables created LIKE the product's (indexes included, triggers not):
 * the physical limit the ingest targets are measured against.
 *
 * --database-url names a PostgreSQL database (its server also gets scratch databases <name>_bench_<n>,
 * dropped afterwards); without it an embedded PostgreSQL is started in a temporary folder.
 * Writes bench/results/<date>-<target>-<findings>.json and .md.
 */
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { pipeline } = require('node:stream/promises');

const root = path.resolve(__dirname, '..');
const api = require(path.join(root, 'apps/api/dist/apps/api/src/index.js'));
const { sha256 } = require(path.join(root, 'apps/api/dist/apps/api/src/auth/secrets.js'));
const { Client } = require('pg');
const copyStreams = require('pg-copy-streams');

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const findings = Number(option('findings', '1000000'));
const curve = [...new Set([...option('curve', '10000,100000').split(',').map(Number).filter((n) => n > 0 && n < findings), findings])];
const databaseUrl = option('database-url', process.env.DATABASE_URL || undefined);
const maxRuns = Number(option('runs', '20'));
/** A read stops being repeated after this long (and at least five runs), so slow reads do not stretch the bench. */
const readBudgetMs = Number(option('read-budget-ms', '4000'));
const httpRequests = Number(option('http-requests', '20'));
const sarifResults = Number(option('sarif-results', '20000'));
const bigSarifResults = Number(option('big-sarif-results', '250000'));
const keep = process.argv.includes('--keep');

const TARGET_READ_MS = (n) => (n >= 10_000_000 ? 300 : 100);
const TARGET_INGEST_SHARE_OF_COPY = 0.5;
const TARGET_RSS_MB = 512;

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
const round = (x, digits = 1) => +x.toFixed(digits);
const fmt = (n) => Math.round(n).toLocaleString('en');
const log = (line) => process.stdout.write(`${line}\n`);

/** One database per size: a scratch database on the named server, or an embedded server of its own. */
async function openDatabase(size) {
  if (databaseUrl) {
    const base = new URL(databaseUrl);
    const name = `${base.pathname.slice(1)}_bench_${size}`;
    const admin = new Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE template0`);
    await admin.end();
    const url = new URL(databaseUrl);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      close: async () => {
        if (keep) return;
        const again = new Client({ connectionString: databaseUrl });
        await again.connect();
        await again.query(`DROP DATABASE IF EXISTS "${name}"`);
        await again.end();
      },
    };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'escapement-bench-'));
  const embedded = new api.EmbeddedPostgres({ dataDir, durable: true });
  const c = await embedded.start();
  return {
    url: `postgres://${encodeURIComponent(c.user)}:${encodeURIComponent(c.password)}@${c.host}:${c.port}/${c.database}`,
    close: async () => {
      await embedded.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The CLI's demo command: into the fresh database, the demo's bulk load (the same rows as the upload path). */
function seed(url, size) {
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, [path.join(root, 'apps/cli/bin/escapement.js'), 'demo', '--findings', String(size), '--seed', '7'], {
    env: { ...process.env, DATABASE_URL: url },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`demo seeding failed: ${run.stdout}${run.stderr}`);
  return Number(process.hrtime.bigint() - started) / 1e9;
}

function memoryMb(pid, field) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)[1]) / 1024);
}

async function startApi(url) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'escapement-bench-api-'));
  const server = spawn(process.execPath, [path.join(root, 'apps/api/dist/apps/api/src/main.js')], {
    env: { ...process.env, DATABASE_URL: url, DATABASE_READ_URL: '', PORT: '0', ESCAPEMENT_DATA_DIR: dir, ESCAPEMENT_DEMO: '0', ESCAPEMENT_MAX_BODY: '1gb', ESCAPEMENT_UPLOAD_QUEUE_PER_SENDER: '2gb', ESCAPEMENT_UPLOAD_QUEUE_TOTAL: '2gb' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  server.stdout.on('data', (chunk) => (output += chunk));
  const deadline = Date.now() + 120_000;
  let base = null;
  while (!base && Date.now() < deadline && server.exitCode === null) {
    base = /dashboard and API on (http:\/\/localhost:\d+)/.exec(output)?.[1] ?? null;
    await new Promise((r) => setTimeout(r, 100));
  }
  if (!base) throw new Error(`server did not start:\n${output}`);
  return {
    base,
    pid: server.pid,
    stop: async () => {
      server.kill('SIGTERM');
      if (server.exitCode === null) await new Promise((r) => server.once('exit', r));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A throw-away admin token, written beside the running server as an operator's command would. */
async function benchToken(url) {
  const client = new Client({ connectionString: url });
  await client.connect();
  const prefix = crypto.randomBytes(6).toString('hex');
  const secret = crypto.randomBytes(32).toString('base64url').slice(0, 43);
  await client.query(`INSERT INTO api_tokens (name, prefix, secret_sha256, scopes, created_by) VALUES ($1, $2, $3, '{admin}', 'bench')`, [`bench-${prefix}`, prefix, sha256(secret)]);
  await client.end();
  return `Bearer esc_${prefix}_${secret}`;
}

/** Samples the API's resident memory while `work` runs; returns its peak (MB) and the work's result. */
async function withRssPeak(pid, work) {
  let peak = memoryMb(pid, 'VmRSS');
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, memoryMb(pid, 'VmRSS'));
    } catch {
      /* the process is gone: its last sample stands */
    }
  }, 50);
  try {
    const result = await work();
    return { result, peakMb: Math.max(peak, memoryMb(pid, 'VmRSS')) };
  } finally {
    clearInterval(timer);
  }
}

/** CPU time (user + system, ms) the process has used so far: with the wall time, where an ingest's time goes. */
function cpuMs(pid) {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

async function jsonIngest(server, authorization, size) {
  const started = process.hrtime.bigint();
  const cpuBefore = cpuMs(server.pid);
  for (let b = 0; b < httpRequests; b++) {
    const body = Array.from({ length: 1000 }, (_, i) => ({
      service: `bench-json-${b % 3}`,
      sourceKind: 'sast',
      tool: 'semgrep',
      ruleId: `rule-${i % 50}`,
      title: `Bench finding ${b}-${i}`,
      severity: ['low', 'medium', 'high'][i % 3],
      cweIds: [[79, 89, 22, 862][i % 4]],
      location: { repo: 'github.com/acme/bench', path: `src/module-${i % 40}/file-${i}.ts`, line: i + 1 },
      fingerprint: `bench-${size}-${b}-${i}`,
      detectedAt: '2026-06-01T00:00:00Z',
    }));
    const response = await fetch(`${server.base}/api/v1/findings`, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`JSON ingest answered ${response.status}: ${await response.text()}`);
    await response.arrayBuffer();
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  // The API's own CPU per request; the rest of the wall time is the database's work (and the wait for it).
  const apiCpuMsPer1000 = round((cpuMs(server.pid) - cpuBefore) / httpRequests);
  return { findings: httpRequests * 1000, seconds: round(seconds, 2), findingsPerSecond: Math.round((httpRequests * 1000) / seconds), apiCpuMsPer1000, wallMsPer1000: round((seconds * 1000) / httpRequests) };
}

function sarifLog(count, salt) {
  const rules = Array.from({ length: 40 }, (_, i) => ({
    id: `js/rule-${i}`,
    shortDescription: { text: `Rule ${i}` },
    properties: { tags: ['security', `external/cwe/cwe-${[79, 89, 22, 78, 862, 639, 798, 327][i % 8]}`], 'security-severity': String((i % 10) + 0.5) },
  }));
  const results = [];
  for (let i = 0; i < count; i++) {
    results.push({
      ruleId: `js/rule-${i % 40}`,
      ruleIndex: i % 40,
      level: ['error', 'warning', 'note'][i % 3],
      message: { text: `Finding ${i}: untrusted data reaches a sensitive sink in module ${i % 500}; review the data flow and add validation.` },
      locations: [{ physicalLocation: { artifactLocation: { uri: `src/module-${i % 500}/file-${i}.ts`, uriBaseId: '%SRCROOT%' }, region: { startLine: (i % 300) + 1, startColumn: 5, endColumn: 40 } } }],
      partialFingerprints: { primaryLocationLineHash: `${salt}:${(i * 2654435761) % 4294967296}:${i}` },
    });
  }
  return Buffer.from(JSON.stringify({ version: '2.1.0', runs: [{ tool: { driver: { name: 'CodeQL', rules } }, results }] }));
}

/** A SARIF log posted as CI would, then its import followed to the end (large uploads are stored in the background). */
async function sarifIngest(server, authorization, count, salt) {
  const body = sarifLog(count, salt);
  const started = process.hrtime.bigint();
  const response = await fetch(`${server.base}/api/v1/imports?service=bench-sarif-${salt}&stage=ci`, { method: 'POST', headers: { 'content-type': 'application/sarif+json', authorization }, body });
  let result = await response.json();
  if (response.status >= 300) throw new Error(`SARIF import answered ${response.status}: ${JSON.stringify(result)}`);
  while (result.status === 'processing') {
    await new Promise((r) => setTimeout(r, 200));
    result = await (await fetch(new URL(result.statusUrl, server.base), { headers: { authorization } })).json();
  }
  if (result.status !== 'completed') throw new Error(`SARIF import ended ${result.status}: ${JSON.stringify(result)}`);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { results: count, fileMb: round(body.length / 1024 / 1024), seconds: round(seconds, 2), findingsPerSecond: Math.round(count / seconds) };
}

/** Every dashboard and API read the issue lists, with the ids they need taken from the seeded data. */
async function reads(url) {
  const client = new Client({ connectionString: url });
  await client.connect();
  const one = async (sql) => (await client.query(sql)).rows[0] ?? {};
  const { adoption, practice } = await one(`SELECT id AS adoption, practice FROM adoptions ORDER BY started_at LIMIT 1`);
  const { team } = await one(`SELECT id AS team FROM teams ORDER BY name LIMIT 1`);
  const { service } = await one(`SELECT id AS service FROM services ORDER BY name LIMIT 1`);
  const { model, component } = await one(`SELECT threat_model_id AS model, component_key AS component FROM finding_links LIMIT 1`);
  await client.end();
  const list = [];
  for (const groupBy of ['class', 'category', 'severity', 'layer', 'team', 'service', 'source', 'tool']) {
    for (const bucket of ['week', 'month', 'quarter']) list.push([`escape rate by ${groupBy}, ${bucket}`, `/metrics/escape-rate?groupBy=${groupBy}&bucket=${bucket}`]);
  }
  list.push(['escape rate by team, week, production', `/metrics/escape-rate?groupBy=team&bucket=week&boundary=production`]);
  list.push(['escape rate by class, one team, from/to', `/metrics/escape-rate?groupBy=class&bucket=month&team=${team}&from=2025-01-01&to=2026-12-31`]);
  list.push(['escape rate by category, severity high', `/metrics/escape-rate?groupBy=category&bucket=month&severity=high`]);
  for (const groupBy of ['total', 'team', 'service', 'layer', 'component']) list.push([`gaps by ${groupBy}`, `/metrics/gaps?groupBy=${groupBy}&bucket=month`]);
  for (const groupBy of ['class', 'category']) list.push([`containment by ${groupBy}`, `/metrics/containment?groupBy=${groupBy}`]);
  if (adoption) list.push(['adoption impact (one adoption)', `/metrics/adoption-impact?adoption=${adoption}`]);
  if (practice) list.push(['adoption impact (a practice, pooled)', `/metrics/adoption-impact?practice=${encodeURIComponent(practice)}`]);
  list.push(['change context', `/metrics/change-context`]);
  for (const format of ['csv', 'xlsx', 'json', 'sarif']) list.push([`export of every finding, ${format}, first 16 KiB`, `/exports/findings?format=${format}`]);
  const page = '/findings?limit=50';
  list.push(['findings page', page]);
  for (const [name, filter] of [
    ['team', `team=${team}`],
    ['service', `service=${service}`],
    ['stage', 'stage=production'],
    ['severity', 'severity=critical'],
    ['class', 'class=design'],
    ['category', 'category=authorization'],
    ['status', 'status=accepted_risk'],
    ['escaped', 'escaped=true'],
    ['gap', 'gap=context_gap'],
    ['cwe', 'cwe=862'],
    ['text search', 'q=token'],
    ['cohort period', 'dateBy=cohort&from=2025-03-01&to=2025-04-01'],
    ['component', model ? `threatModel=${model}&component=${encodeURIComponent(component)}` : null],
    ['sorted by title', 'sort=title&order=asc'],
    ['sorted by severity', 'sort=severity'],
  ]) {
    if (filter) list.push([`findings page, ${name}`, `${page}&${filter}`]);
  }
  return list;
}

/**
 * Exports stream: what counts is how soon the data starts, timed to the first 16 KiB (more than any format's
 * header, so rows have come from the database), after which the download is cancelled (the server stops).
 */
const FIRST_BYTES_ONLY = /^\/exports\//;
const FIRST_BYTES = 16 * 1024;

async function timeRead(base, authorization, route) {
  const get = async () => {
    const started = process.hrtime.bigint();
    const response = await fetch(`${base}/api/v1${route}`, { headers: { authorization } });
    if (!response.ok) throw new Error(`${route} answered ${response.status}: ${await response.text()}`);
    if (FIRST_BYTES_ONLY.test(route)) {
      const reader = response.body.getReader();
      let received = 0;
      while (received < FIRST_BYTES) {
        const { value, done } = await reader.read();
        if (done) break;
        received += value.length;
      }
      const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
      if (received < FIRST_BYTES) throw new Error(`${route} ended after ${received} bytes`);
      await reader.cancel();
      return elapsed;
    }
    await response.arrayBuffer();
    return Number(process.hrtime.bigint() - started) / 1e6;
  };
  // The first read warms plans and buffers (and computes what later reads may find kept, as the adoption
  // verdict): not counted in the percentiles, but reported.
  const first = round(await get());
  const times = [];
  const begun = Date.now();
  while (times.length < maxRuns && (times.length < 5 || Date.now() - begun < readBudgetMs)) times.push(await get());
  return { runs: times.length, first, p50: round(percentile(times, 50)), p95: round(percentile(times, 95)) };
}

/**
 * The physical limit: the seeded findings and detections copied out, then COPYed into tables created
 * LIKE the product's (indexes and constraints included; triggers and foreign keys are not copied by LIKE).
 */
async function rawCopy(url) {
  const client = new Client({ connectionString: url });
  await client.connect();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'escapement-bench-copy-'));
  try {
    await client.query(`DROP SCHEMA IF EXISTS bench_copy CASCADE; CREATE SCHEMA bench_copy`);
    const out = {};
    let seconds = 0;
    for (const table of ['findings', 'detections']) {
      const file = path.join(dir, `${table}.copy`);
      await pipeline(client.query(copyStreams.to(`COPY public.${table} TO STDOUT`)), fs.createWriteStream(file));
      await client.query(`CREATE TABLE bench_copy.${table} (LIKE public.${table} INCLUDING ALL)`);
      const started = process.hrtime.bigint();
      await pipeline(fs.createReadStream(file), client.query(copyStreams.from(`COPY bench_copy.${table} FROM STDIN`)));
      const took = Number(process.hrtime.bigint() - started) / 1e9;
      const { rows } = await client.query(`SELECT count(*)::int AS n FROM bench_copy.${table}`);
      out[table] = { rows: rows[0].n, seconds: round(took, 2), rowsPerSecond: Math.round(rows[0].n / took) };
      seconds += took;
    }
    const { rows } = await client.query(
      `SELECT (SELECT count(*) FROM pg_indexes WHERE schemaname = 'public' AND tablename IN ('findings', 'detections'))::int AS indexes,
              pg_total_relation_size('public.findings') AS findings_bytes, pg_total_relation_size('public.detections') AS detections_bytes`,
    );
    return {
      ...out,
      seconds: round(seconds, 2),
      findingsPerSecond: Math.round(out.findings.rows / seconds),
      indexes: rows[0].indexes,
      findingsMb: Math.round(Number(rows[0].findings_bytes) / 1024 / 1024),
      detectionsMb: Math.round(Number(rows[0].detections_bytes) / 1024 / 1024),
    };
  } finally {
    await client.query(`DROP SCHEMA IF EXISTS bench_copy CASCADE`).catch(() => undefined);
    await client.end();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Waits until the text search's background catch-up has added the findings an upload stored (nothing left
 * noted), so that work is reported on its own instead of slowing the next measurement; seconds waited, or
 * null after ten minutes.
 */
async function searchCaughtUp(url) {
  const started = process.hrtime.bigint();
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    // Bounded, so a catch-up that failed (it only logs) cannot hold the bench: the next search adds the rest.
    for (const deadline = Date.now() + 600_000; ; ) {
      const { rows } = await client.query(`SELECT EXISTS (SELECT 1 FROM finding_search_pending) AS noted`);
      if (!rows[0].noted) break;
      if (Date.now() > deadline) return null;
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await client.end();
  }
  return round(Number(process.hrtime.bigint() - started) / 1e9, 1);
}

async function measureSize(size, largest) {
  log(`\n== ${fmt(size)} findings`);
  const database = await openDatabase(size);
  try {
    const seedSeconds = seed(database.url, size);
    const result = { findings: size, server: await serverVersion(database.url), bulkIngest: { seconds: round(seedSeconds), findingsPerSecond: Math.round(size / seedSeconds) } };
    log(`  demo seeding: ${fmt(result.bulkIngest.findingsPerSecond)} findings/s (${result.bulkIngest.seconds} s)`);
    const server = await startApi(database.url);
    try {
      const authorization = await benchToken(database.url);
      result.idleRssMb = memoryMb(server.pid, 'VmRSS');
      const json = await withRssPeak(server.pid, () => jsonIngest(server, authorization, size));
      result.jsonIngest = { ...json.result, peakRssMb: json.peakMb };
      log(`  JSON over HTTP: ${fmt(result.jsonIngest.findingsPerSecond)} findings/s (per 1,000: ${result.jsonIngest.wallMsPer1000} ms, of which API CPU ${result.jsonIngest.apiCpuMsPer1000} ms)`);
      result.jsonIngest.searchCaughtUpSeconds = await searchCaughtUp(database.url);
      log(`    text search caught up ${result.jsonIngest.searchCaughtUpSeconds} s after the last request (a second of quiet, then the trigrams)`);
      const sarif = await withRssPeak(server.pid, () => sarifIngest(server, authorization, sarifResults, `s${size}`));
      result.sarifIngest = { ...sarif.result, peakRssMb: sarif.peakMb };
      log(`  SARIF over HTTP (${fmt(sarifResults)} results): ${fmt(result.sarifIngest.findingsPerSecond)} findings/s`);
      result.sarifIngest.searchCaughtUpSeconds = await searchCaughtUp(database.url);
      log(`    text search caught up ${result.sarifIngest.searchCaughtUpSeconds} s after the import was stored`);
      if (largest && bigSarifResults > sarifResults) {
        const big = await withRssPeak(server.pid, () => sarifIngest(server, authorization, bigSarifResults, `b${size}`));
        result.bigSarifIngest = { ...big.result, peakRssMb: big.peakMb };
        log(`  SARIF over HTTP (${fmt(bigSarifResults)} results): ${fmt(result.bigSarifIngest.findingsPerSecond)} findings/s, API peak ${big.peakMb} MB`);
        result.bigSarifIngest.searchCaughtUpSeconds = await searchCaughtUp(database.url);
        log(`    text search caught up ${result.bigSarifIngest.searchCaughtUpSeconds} s after the import was stored`);
      }
      result.reads = {};
      const readRss = await withRssPeak(server.pid, async () => {
        for (const [name, route] of await reads(database.url)) {
          result.reads[name] = { route, ...(await timeRead(server.base, authorization, route)) };
          log(`  ${name}: p50 ${result.reads[name].p50} ms, p95 ${result.reads[name].p95} ms (first ${result.reads[name].first} ms)`);
        }
      });
      result.readPeakRssMb = readRss.peakMb;
    } finally {
      await server.stop();
    }
    if (largest) {
      result.rawCopy = await rawCopy(database.url);
      log(`  raw COPY: ${fmt(result.rawCopy.findingsPerSecond)} findings/s (findings ${fmt(result.rawCopy.findings.rowsPerSecond)} rows/s, detections ${fmt(result.rawCopy.detections.rowsPerSecond)} rows/s)`);
    }
    return result;
  } finally {
    await database.close();
  }
}

/** Each target of the issue with the measured figure, "holds" or "falls short", and the ratio to the target. */
function verdicts(largest) {
  const rows = [];
  const copy = largest.rawCopy.findingsPerSecond;
  const share = (rate) => rate / copy;
  for (const [name, figure] of [
    ['JSON over HTTP ingest', largest.jsonIngest.findingsPerSecond],
    [`SARIF over HTTP ingest (${fmt(largest.sarifIngest.results)} results)`, largest.sarifIngest.findingsPerSecond],
    ...(largest.bigSarifIngest ? [[`SARIF over HTTP ingest (${fmt(largest.bigSarifIngest.results)} results)`, largest.bigSarifIngest.findingsPerSecond]] : []),
  ]) {
    rows.push({ target: `${name} ≥ 50% of raw COPY (${fmt(copy)}/s)`, measured: `${fmt(figure)}/s = ${Math.round(share(figure) * 100)}%`, holds: share(figure) >= TARGET_INGEST_SHARE_OF_COPY, ratio: round(share(figure) / TARGET_INGEST_SHARE_OF_COPY, 2) });
  }
  const limit = TARGET_READ_MS(largest.findings);
  for (const [name, t] of Object.entries(largest.reads)) {
    rows.push({ target: `${name}: p95 < ${limit} ms`, measured: `p50 ${t.p50} ms, p95 ${t.p95} ms (first ${t.first} ms)`, holds: t.p95 < limit, ratio: round(t.p95 / limit, 2) });
  }
  const peak = Math.max(largest.jsonIngest.peakRssMb, largest.sarifIngest.peakRssMb, largest.bigSarifIngest?.peakRssMb ?? 0, largest.readPeakRssMb);
  rows.push({ target: `API memory < ${TARGET_RSS_MB} MB (ingest and reads)`, measured: `${peak} MB peak`, holds: peak < TARGET_RSS_MB, ratio: round(peak / TARGET_RSS_MB, 2) });
  return rows;
}

function markdown(results) {
  const largest = results.sizes.at(-1);
  const lines = [
    `# Benchmark ${results.date}: ${results.target}, ${fmt(largest.findings)} findings`,
    '',
    `Machine: ${results.cpus} × ${results.cpuModel}, ${results.memoryGb} GB; Node ${results.node}; ${results.server}.`,
    '',
    '## Targets',
    '',
    '| target | measured | verdict | ratio to target |',
    '| --- | --- | --- | --- |',
    ...results.verdicts.map((v) => `| ${v.target} | ${v.measured} | ${v.holds ? 'holds' : 'falls short'} | ${v.ratio} |`),
    '',
    `Raw COPY: findings ${fmt(largest.rawCopy.findings.rowsPerSecond)} rows/s, detections ${fmt(largest.rawCopy.detections.rowsPerSecond)} rows/s, ${largest.rawCopy.indexes} indexes on the two tables, findings ${largest.rawCopy.findingsMb} MB and detections ${largest.rawCopy.detectionsMb} MB with their indexes.`,
    '',
    '## Curve (cost against data size)',
    '',
    `| | ${results.sizes.map((s) => fmt(s.findings)).join(' | ')} |`,
    `| --- | ${results.sizes.map(() => '---').join(' | ')} |`,
    `| demo seeding, findings/s | ${results.sizes.map((s) => fmt(s.bulkIngest.findingsPerSecond)).join(' | ')} |`,
    `| JSON over HTTP, findings/s | ${results.sizes.map((s) => fmt(s.jsonIngest.findingsPerSecond)).join(' | ')} |`,
    `| JSON over HTTP, ms per 1,000 findings (API CPU) | ${results.sizes.map((s) => `${s.jsonIngest.wallMsPer1000} (${s.jsonIngest.apiCpuMsPer1000})`).join(' | ')} |`,
    `| SARIF over HTTP (${fmt(sarifResults)} results), findings/s | ${results.sizes.map((s) => fmt(s.sarifIngest.findingsPerSecond)).join(' | ')} |`,
    `| text search caught up after the JSON / SARIF uploads, s | ${results.sizes.map((s) => `${s.jsonIngest.searchCaughtUpSeconds} / ${s.sarifIngest.searchCaughtUpSeconds}`).join(' | ')} |`,
    ...Object.keys(largest.reads).map((name) => `| ${name}, p95 ms | ${results.sizes.map((s) => s.reads[name]?.p95 ?? '–').join(' | ')} |`),
    `| API peak memory, MB | ${results.sizes.map((s) => Math.max(s.jsonIngest.peakRssMb, s.sarifIngest.peakRssMb, s.bigSarifIngest?.peakRssMb ?? 0, s.readPeakRssMb)).join(' | ')} |`,
    '',
  ];
  if (largest.bigSarifIngest) {
    lines.push('## Curve (cost against file size)', '', `| SARIF results | findings/s | seconds | file MB | API peak MB | text search caught up, s |`, '| --- | --- | --- | --- | --- | --- |');
    for (const s of [largest.sarifIngest, largest.bigSarifIngest]) lines.push(`| ${fmt(s.results)} | ${fmt(s.findingsPerSecond)} | ${s.seconds} | ${s.fileMb} | ${s.peakRssMb} | ${s.searchCaughtUpSeconds} |`);
    lines.push('');
  }
  return lines.join('\n');
}

async function serverVersion(url) {
  const client = new Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query(`SELECT current_setting('server_version') AS v`);
  await client.end();
  return `PostgreSQL ${rows[0].v}`;
}

async function main() {
  const started = Date.now();
  const results = {
    date: new Date().toISOString(),
    target: databaseUrl ? 'postgresql' : 'embedded',
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model.trim(),
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    sizes: [],
  };
  for (const size of curve) {
    const largest = size === curve.at(-1);
    results.sizes.push(await measureSize(size, largest));
  }
  results.server = results.sizes.at(-1).server;
  results.verdicts = verdicts(results.sizes.at(-1));
  results.minutes = round((Date.now() - started) / 60000);

  const outDir = path.join(root, 'bench', 'results');
  fs.mkdirSync(outDir, { recursive: true });
  const stem = `${results.date.slice(0, 10)}-${results.target}-${findings}`;
  fs.writeFileSync(path.join(outDir, `${stem}.json`), JSON.stringify(results, null, 2) + '\n');
  const md = markdown(results) + `\nThe whole run took ${results.minutes} minutes.\n`;
  fs.writeFileSync(path.join(outDir, `${stem}.md`), md);
  log(`\n${md}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
