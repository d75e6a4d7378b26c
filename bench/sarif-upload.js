#!/usr/bin/env node
/**
 * A 25,000-result SARIF log (~30 MB) posted by the CLI to a server running as its own process, as in
 * CI: how long it takes end to end, and the server's peak resident memory (VmHWM) while it streams.
 * Options: --results N (default 25000). Writes bench/results/<date>-sarif-upload-<N>.{json,md}.
 */
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const argIndex = process.argv.indexOf('--results');
const results = argIndex > 0 ? Number(process.argv[argIndex + 1]) : 25_000;

function sarifLog(count) {
  const rules = Array.from({ length: 40 }, (_, i) => ({
    id: `js/rule-${i}`,
    shortDescription: { text: `Rule ${i}` },
    properties: { tags: ['security', `external/cwe/cwe-${[79, 89, 22, 78, 862, 639, 798, 327][i % 8]}`], 'security-severity': String((i % 10) + 0.5) },
  }));
  const out = [];
  for (let i = 0; i < count; i++) {
    out.push({
      ruleId: `js/rule-${i % 40}`,
      ruleIndex: i % 40,
      level: ['error', 'warning', 'note'][i % 3],
      message: { text: `Finding ${i}: untrusted data reaches a sensitive sink in module ${i % 500}; review the data flow from the request handler to the sink and add validation.` },
      locations: [{ physicalLocation: { artifactLocation: { uri: `src/module-${i % 500}/file-${i}.ts`, uriBaseId: '%SRCROOT%' }, region: { startLine: (i % 300) + 1, startColumn: 5, endColumn: 40, snippet: { text: `const value${i} = request.query.input${i % 7};` } } } }],
      partialFingerprints: { primaryLocationLineHash: `${(i * 2654435761 % 4294967296).toString(16)}:${i}` },
      codeFlows: [{ threadFlows: [{ locations: [{ location: { physicalLocation: { artifactLocation: { uri: `src/module-${i % 500}/handler.ts` }, region: { startLine: 10 } } } }] }] }],
    });
  }
  return { $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0', runs: [{ tool: { driver: { name: 'CodeQL', rules } }, results: out }] };
}

function peakRssMb(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmHWM:\s+(\d+)/.exec(status)[1]) / 1024);
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'escapement-sarif-bench-'));
  const file = path.join(dir, 'codeql.sarif');
  fs.writeFileSync(file, JSON.stringify(sarifLog(results), null, 1));
  const bytes = fs.statSync(file).size;

  const server = spawn(process.execPath, [path.join(root, 'apps/api/dist/apps/api/src/main.js')], {
    env: { ...process.env, DATABASE_URL: '', PORT: '0', ESCAPEMENT_DATA_DIR: path.join(dir, 'data'), ESCAPEMENT_DEMO: '0', ESCAPEMENT_MAX_BODY: '500mb' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  server.stdout.on('data', (c) => (output += c));
  const deadline = Date.now() + 60_000;
  let url = null;
  while (!url && Date.now() < deadline) {
    url = /dashboard and API on (http:\/\/localhost:\d+)/.exec(output)?.[1] ?? null;
    await new Promise((r) => setTimeout(r, 100));
  }
  if (!url) throw new Error(`server did not start:\n${output}`);
  const idleRss = peakRssMb(server.pid);
  // The token a pipeline would hold, made beside the running server as an operator would.
  const escapement = (args, env = {}) => spawnSync(process.execPath, [path.join(root, 'apps/cli/bin/escapement.js'), ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
  const made = escapement(['admin', 'create-token', '--name', 'bench', '--scopes', 'findings:write'], { DATABASE_URL: '', ESCAPEMENT_DATA_DIR: path.join(dir, 'data') });
  if (made.status !== 0) throw new Error(`create-token failed: ${made.stderr}`);

  const started = Date.now();
  const cli = escapement(['upload', file, '--service', 'bench-app', '--stage', 'ci', '--url', url, '--token', made.stdout.trim()]);
  const seconds = (Date.now() - started) / 1000;
  const peak = peakRssMb(server.pid);
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  fs.rmSync(dir, { recursive: true, force: true });
  if (cli.status !== 0) throw new Error(`upload failed: ${cli.stdout}${cli.stderr}`);

  const result = {
    date: new Date().toISOString(),
    results,
    fileMb: +(bytes / 1024 / 1024).toFixed(1),
    seconds: +seconds.toFixed(1),
    resultsPerSecond: Math.round(results / seconds),
    serverRssIdleMb: idleRss,
    serverRssPeakMb: peak,
    cli: cli.stdout.trim(),
  };
  const outDir = path.join(root, 'bench', 'results');
  fs.mkdirSync(outDir, { recursive: true });
  const stem = `${result.date.slice(0, 10)}-sarif-upload-${results}`;
  fs.writeFileSync(path.join(outDir, `${stem}.json`), JSON.stringify(result, null, 2) + '\n');
  const md = [
    `# SARIF upload ${result.date}: ${results.toLocaleString('en')} results, ${result.fileMb} MB, posted by the CLI (gzip), embedded database`,
    '',
    `- end to end (upload, background import, polling): ${result.seconds} s, ${result.resultsPerSecond.toLocaleString('en')} results/s`,
    `- server resident memory: ${result.serverRssIdleMb} MB idle before the upload, ${result.serverRssPeakMb} MB peak (VmHWM)`,
    `- CLI: ${result.cli}`,
    '',
  ].join('\n');
  fs.writeFileSync(path.join(outDir, `${stem}.md`), md);
  console.log(md);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
