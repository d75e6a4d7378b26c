#!/usr/bin/env node
/**
 * `npm run conformance -- DIR`: imports every file of DIR into a fresh embedded database over HTTP, as a
 * CI job would, and checks each against what its content implies. A folder named `threat-models` holds
 * threat models: each imports with the component, threat, trust-zone and boundary counts of
 * test/conformance/threat-models.expected.json, a malformed one is a 4xx naming the place, and nothing
 * of it is stored. Any other folder holds SARIF logs:
 * - results received = the results in the file that are findings (not `pass`/`notApplicable`, not
 *   absent from the baseline), counted here independently with JSON.parse;
 * - distinct findings, suppressed findings and CWE ids = test/conformance/<DIR name>.expected.json;
 * - sending the file again changes nothing; every finding with a CWE id has a class and a reason.
 * Exits 1 if any file errors or any count is wrong.
 */
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const dir = process.argv[2];
if (!dir || !fs.existsSync(dir)) {
  console.error('usage: npm run conformance -- DIR');
  process.exit(2);
}
const api = require(path.join(root, 'apps/api/dist/apps/api/src/index.js'));
const expectedFile = path.join(root, 'test', 'conformance', `${path.basename(path.resolve(dir))}.expected.json`);
const expected = fs.existsSync(expectedFile) ? JSON.parse(fs.readFileSync(expectedFile, 'utf8')) : {};

function countResults(text) {
  const log = JSON.parse(text.replace(/^\uFEFF/, ''));
  let results = 0;
  for (const run of log.runs ?? []) {
    for (const result of run.results ?? []) {
      if (result.kind === 'pass' || result.kind === 'notApplicable' || result.baselineState === 'absent') continue;
      results += 1;
    }
  }
  return results;
}

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/** An admin token of the throw-away server, sent with every request as a CI job would. */
let authorization = '';

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'escapement-conformance-'));
  // A local check harness posting a whole corpus: the ingestion limits are for shared servers.
  const server = await api.startServer({ port: 0, dataDir, demo: false, quiet: true, durable: false, env: { ...process.env, DATABASE_URL: '', ESCAPEMENT_RATE_INGEST_TOKEN: 'off', ESCAPEMENT_RATE_INGEST_IP: 'off' } });
  const { secret } = await server.app.get(api.TokensService).create({ name: 'conformance', scopes: ['admin'] }, 'conformance');
  authorization = `Bearer ${secret}`;
  const sql = (text, params) => server.app.get(require(path.join(root, 'node_modules/typeorm')).DataSource).query(text, params);
  const failures = [];
  const rows = [];
  try {
    if (path.basename(path.resolve(dir)) === 'threat-models') {
      await checkThreatModels(server, failures, rows);
      return;
    }
    for (const name of fs.readdirSync(dir).filter((f) => !f.startsWith('.')).sort()) {
      const file = path.join(dir, name);
      const service = `conformance-${name.replace(/\W+/g, '-')}`;
      const post = () => fetch(`${server.url}/api/v1/imports?service=${service}&stage=ci&fileName=${encodeURIComponent(name)}`, { method: 'POST', body: fs.readFileSync(file), headers: { authorization } });
      const problems = [];
      const first = await post();
      const answer = await first.json();
      if (first.status !== 201) {
        problems.push(`answered ${first.status}: ${answer.detail}`);
      } else {
        const want = expected[name];
        const received = countResults(fs.readFileSync(file, 'utf8'));
        const f = answer.findings;
        if (f.received !== received) problems.push(`received ${f.received}, the file has ${received} results`);
        if (!want) problems.push(`no expected counts in ${path.relative(root, expectedFile)}`);
        else {
          if (f.created !== want.findings) problems.push(`created ${f.created} findings, expected ${want.findings}`);
          if (f.suppressed !== want.suppressed) problems.push(`suppressed ${f.suppressed}, expected ${want.suppressed}`);
          const [{ cwe }] = await sql(
            `SELECT coalesce(array_agg(DISTINCT c ORDER BY c), '{}') AS cwe FROM findings f JOIN services s ON s.id = f.service_id, unnest(f.cwe_ids) c WHERE s.name = $1`,
            [service],
          );
          if (!same(cwe, want.cweIds)) problems.push(`CWE ids ${JSON.stringify(cwe)}, expected ${JSON.stringify(want.cweIds)}`);
        }
        const [{ unexplained }] = await sql(
          `SELECT count(*)::int AS unexplained FROM findings f JOIN services s ON s.id = f.service_id
            WHERE s.name = $1 AND cardinality(f.cwe_ids) > 0
              AND (f.finding_class = 'unclassified' OR f.class_rule IS NULL OR f.class_reason IS NULL OR f.class_reason = '')`,
          [service],
        );
        if (unexplained) problems.push(`${unexplained} findings with a CWE id have no class with a reason`);
        const again = await (await post()).json();
        if (again.findings?.created !== 0 || again.findings?.updated !== 0 || again.findings?.unchanged !== f.created) {
          problems.push(`a re-send was not all unchanged: ${JSON.stringify(again.findings)}`);
        }
        rows.push({ name, ...f, classes: (await sql(`SELECT finding_class AS c, count(*)::int AS n FROM findings f JOIN services s ON s.id = f.service_id WHERE s.name = $1 GROUP BY 1 ORDER BY 1`, [service])).map((r) => `${r.c} ${r.n}`).join(', ') });
      }
      if (problems.length) failures.push({ name, problems });
      console.log(`${problems.length ? 'FAIL' : 'ok  '} ${name}${rows.at(-1)?.name === name ? `: ${rows.at(-1).received} results → ${rows.at(-1).created} findings, ${rows.at(-1).suppressed} suppressed${rows.at(-1).classes ? ` (${rows.at(-1).classes})` : ''}` : ''}`);
      for (const p of problems) console.log(`       ${p}`);
    }
  } finally {
    await server.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    report(rows, failures);
  }
}

function report(rows, failures) {
  const files = rows.length + failures.filter((f) => !rows.some((r) => r.name === f.name)).length;
  console.log(`\nconformance: ${files - failures.length} passed, ${failures.length} failed`);
  process.exitCode = failures.length ? 1 : 0;
}

async function checkThreatModels(server, failures, rows) {
  for (const name of fs.readdirSync(dir).filter((f) => !f.startsWith('.')).sort()) {
    const want = expected[name];
    const problems = [];
    if (!want) problems.push(`no expectation in ${path.relative(root, expectedFile)}`);
    else if (want.skip) {
      console.log(`skip ${name}: ${want.skip}`);
      continue;
    } else {
      const service = `conformance-${name.replace(/\W+/g, '-')}`;
      const response = await fetch(`${server.url}/api/v1/threat-models?service=${service}&fileName=${encodeURIComponent(name)}&effectiveFrom=2026-01-01`, {
        method: 'POST',
        body: fs.readFileSync(path.join(dir, name)),
        headers: { authorization },
      });
      const answer = await response.json();
      if (want.rejected) {
        const where = answer.errors?.[0];
        if (response.status < 400 || response.status >= 500) problems.push(`answered ${response.status}, expected a 4xx`);
        else if (!where || (where.pointer === undefined && where.line === undefined)) problems.push('the rejection does not say where');
        const models = await (await fetch(`${server.url}/api/v1/threat-models`, { headers: { authorization } })).json();
        if (models.some((m) => m.service === service)) problems.push('a rejected model was stored');
        rows.push({ name, received: 0, created: 0, suppressed: 0, classes: `rejected: ${answer.detail}` });
      } else if (response.status !== 201) {
        problems.push(`answered ${response.status}: ${answer.detail}`);
      } else {
        const counts = answer.version.counts;
        for (const key of ['components', 'threats', 'trustZones', 'trustBoundaries']) {
          if (counts[key] !== want[key]) problems.push(`${key} ${counts[key]}, expected ${want[key]}`);
        }
        rows.push({ name, received: 0, created: 0, suppressed: 0, classes: `${counts.components} components, ${counts.threats} threats, ${counts.trustZones} trust zones, ${counts.trustBoundaries} boundaries` });
      }
    }
    if (problems.length) failures.push({ name, problems });
    console.log(`${problems.length ? 'FAIL' : 'ok  '} ${name}${rows.at(-1)?.name === name ? `: ${rows.at(-1).classes}` : ''}`);
    for (const p of problems) console.log(`       ${p}`);
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
