#!/usr/bin/env node
/**
 * `npm test`: the linters (import boundaries, formatting), domain and unit specs, the OpenAPI description's
 * lint and generated client check, the API end-to-end suite on the embedded database (and again on the
 * PostgreSQL server named by DATABASE_URL, when set), then the dashboard in real Chromium.
 * `node scripts/test.js e2e|browser|unit|lint` runs one part. Ends with one "N passed, N failed" line.
 */
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const only = process.argv[2];
const jest = path.join(root, 'node_modules', 'jest', 'bin', 'jest.js');
const nx = path.join(root, 'node_modules', 'nx', 'dist', 'bin', 'nx.js');
const resultsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'escapement-test-'));
const totals = { passed: 0, failed: 0, skipped: 0 };
let failedSuites = [];

function reportFile(name) {
  return path.join(resultsDir, `${name.replace(/\W+/g, '-')}.json`);
}

/** Adds a finished jest run's counts to the totals; a run without a report (jest did not start) failed. */
function tally(name, status) {
  let report = null;
  try {
    report = JSON.parse(fs.readFileSync(reportFile(name), 'utf8'));
  } catch {
    // No report: jest itself failed to start; counted as a failed suite below.
  }
  if (report) {
    totals.passed += report.numPassedTests;
    totals.failed += report.numFailedTests;
    totals.skipped += report.numPendingTests + report.numTodoTests;
  }
  if (status !== 0 || !report || report.numFailedTests > 0 || report.numFailedTestSuites > 0) failedSuites.push(name);
}

function run(name, args, env = {}) {
  console.log(`\n=== ${name} ===`);
  const result = spawnSync(process.execPath, [jest, ...args, '--json', `--outputFile=${reportFile(name)}`], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, TZ: 'UTC', ...env },
  });
  tally(name, result.status);
}

/**
 * Runs jest suites side by side, each into its own log, printed whole when all have finished. The two
 * end-to-end passes share nothing (each has its own database server and spec-made folders, every port is
 * a free one), and most of their time is spent waiting on servers, the CLI and the database, so on two
 * cores they take little longer together than the longest alone.
 */
async function runSideBySide(runs) {
  const { spawn } = require('node:child_process');
  const finished = await Promise.all(
    runs.map(({ name, args, env }) => {
      const log = path.join(resultsDir, `${name.replace(/\W+/g, '-')}.log`);
      const out = fs.openSync(log, 'w');
      const started = Date.now();
      console.log(`\n=== ${name}: started (its output follows when every run beside it has finished) ===`);
      const child = spawn(process.execPath, [jest, ...args, '--json', `--outputFile=${reportFile(name)}`], {
        cwd: root,
        stdio: ['ignore', out, out],
        env: { ...process.env, TZ: 'UTC', ...env },
      });
      return new Promise((resolve) =>
        child.on('close', (status) => {
          fs.closeSync(out);
          console.log(`=== ${name}: finished in ${Math.round((Date.now() - started) / 1000)} s ===`);
          resolve({ name, status, log });
        }),
      );
    }),
  );
  for (const { name, status, log } of finished) {
    console.log(`\n=== ${name} ===`);
    process.stdout.write(fs.readFileSync(log));
    tally(name, status);
  }
}

function build() {
  console.log('\n=== build (api, cli, web) ===');
  const result = spawnSync(process.execPath, [nx, 'run-many', '-t', 'build', '--projects=domain,api,cli,web', '--outputStyle=static'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
  });
  if (result.status !== 0) {
    failedSuites.push('build');
    return false;
  }
  return true;
}

const wantLint = !only || only === 'lint';
const wantUnit = !only || only === 'unit';
const wantE2e = !only || only === 'e2e';
const wantBrowser = !only || only === 'browser';

/**
 * Every spec runs through ts-jest in transpile-only mode (isolatedModules), which checks no types: a
 * spec could pass on code that does not compile. One strict `tsc` pass over each TypeScript project
 * therefore comes first, and no spec runs when it fails. (ts-jest's own diagnostics would check the
 * same files again in every worker: the statistics specs took 134 s with them against 16 s without.)
 */
function typecheck() {
  console.log('\n=== typecheck (strict TypeScript: domain, api, cli, dashboard, tests) ===');
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  let passed = true;
  for (const project of ['tsconfig.json', 'apps/web/tsconfig.json']) {
    const result = spawnSync(process.execPath, [tsc, '-p', project, '--noEmit'], { cwd: root, stdio: 'inherit' });
    if (result.status !== 0) passed = false;
  }
  if (!passed) failedSuites.push('typecheck (no spec was run)');
  return passed;
}

/** `npm run lint` (import boundaries) and `npm run format:check` (Prettier): a failure names the files to fix. */
function lint() {
  for (const script of ['lint', 'format:check']) {
    console.log(`\n=== ${script} ===`);
    const result = spawnSync('npm', ['run', '--silent', script], { cwd: root, stdio: 'inherit' });
    if (result.status !== 0) failedSuites.push(script);
  }
}

if (wantLint) lint();
const typed = wantUnit || wantE2e || wantBrowser ? typecheck() : true;
if (typed && wantUnit) run('unit', ['-c', 'jest.unit.config.js']);
function openapi() {
  console.log('\n=== OpenAPI description (Redocly lint; the e2e client types match it) ===');
  const result = spawnSync(process.execPath, [path.join(root, 'scripts', 'openapi.js'), '--check'], { cwd: root, stdio: 'inherit', env: { ...process.env, DATABASE_URL: '' } });
  if (result.status !== 0) failedSuites.push('openapi');
}

const built = typed && (wantE2e || wantBrowser) ? build() : typed;
if (built && wantE2e) openapi();
async function e2e() {
  const { DATABASE_URL, ...withoutUrl } = process.env;
  const embedded = { name: 'e2e on embedded PostgreSQL', args: ['-c', 'test/e2e/jest.e2e.config.js'], env: { ...withoutUrl, DATABASE_URL: '', ESCAPEMENT_TEST_DB: 'embedded' } };
  if (!DATABASE_URL) {
    run(embedded.name, embedded.args, embedded.env);
    console.log('\nDATABASE_URL is not set: the e2e suite ran on the embedded database only.');
    return;
  }
  const server = { name: 'e2e on PostgreSQL (DATABASE_URL)', args: ['-c', 'test/e2e/jest.e2e.config.js'], env: { ESCAPEMENT_TEST_DB: 'postgres' } };
  if (process.env.ESCAPEMENT_TEST_SEQUENTIAL === '1') {
    run(embedded.name, embedded.args, embedded.env);
    run(server.name, server.args, server.env);
  } else await runSideBySide([embedded, server]);
}

async function main() {
  if (built && wantE2e) await e2e();
  if (built && wantBrowser) run('browser (Chromium)', ['-c', 'test/browser/jest.browser.config.js']);

  fs.rmSync(resultsDir, { recursive: true, force: true });
  console.log('');
  if (failedSuites.length) console.log(`failing: ${failedSuites.join(', ')}`);
  console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  process.exit(failedSuites.length ? 1 : 0);
}

main();
