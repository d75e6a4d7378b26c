/**
 * Runs one parser on one input per message, inside a worker thread with a capped heap, for the parser
 * fuzz suite: the parent can time a run out and terminate the worker, and an input that makes a parser
 * allocate without bound kills only this worker. Plain JavaScript over the built packages, because a
 * worker thread does not pass through the test runner's TypeScript transform.
 *
 * Each answer says whether the input was accepted, refused as bad input (what the API turns into a 4xx),
 * or crashed (anything else, what the API would answer with a 500); a `measure` message answers with the
 * heap in use after a full GC.
 */
'use strict';
const { parentPort } = require('node:worker_threads');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const v8 = require('node:v8');
const vm = require('node:vm');
const domain = require('@escapement/domain');

const apiDist = path.resolve(__dirname, '..', '..', '..', 'apps', 'api', 'dist', 'apps', 'api', 'src');
const { readImport } = require(path.join(apiDist, 'imports', 'readers', 'read-import.js'));
const { DomainError } = require(path.join(apiDist, 'common', 'domain-error.js'));
const { JsonStreamError } = require(path.join(apiDist, 'imports', 'readers', 'json-stream', 'index.js'));

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'escapement-fuzz-'));
const INT4_MAX = 2 ** 31 - 1;
/** The server's default bounds on threat-model files (apps/api/src/config/threat-model-limits.ts). */
const MODEL_LIMITS = { maxDepth: domain.MAX_JSON_DEPTH, glob: { maxLength: 256, maxWildcards: 32 }, maxRulesPerComponent: 64, maxComponents: 5000 };

/** What a stored finding must satisfy, or the database refuses it (a 500): the columns' types and checks. */
function storable(record) {
  const problems = [];
  if (typeof record.serviceName !== 'string' || record.serviceName.length < 1 || record.serviceName.length > 200) problems.push('service name length');
  if (typeof record.fingerprint !== 'string' || record.fingerprint.length < 1 || record.fingerprint.length > 512) problems.push('fingerprint length');
  if (record.line !== null && !(Number.isInteger(record.line) && record.line >= 0 && record.line <= INT4_MAX)) problems.push(`line ${record.line}`);
  if (!record.cweIds.every((id) => Number.isInteger(id) && id >= 0 && id <= INT4_MAX)) problems.push('cwe ids');
  for (const date of [record.detectedAt, record.introducedAt]) if (date !== null && Number.isNaN(date.getTime())) problems.push('date');
  for (const key of ['serviceName', 'fingerprint', 'title', 'ruleId', 'tool', 'repo', 'path', 'commitSha']) {
    if (typeof record[key] === 'string' && record[key].includes('\u0000')) problems.push(`NUL in ${key}`);
  }
  if (problems.length) throw Object.assign(new Error(`unstorable record: ${problems.join(', ')}`), { unstorable: true });
}

async function readAll(format, text) {
  const file = path.join(dir, 'input');
  fs.writeFileSync(file, text);
  const parameters = { service: 'fuzz-api' };
  const context = { file, parameters, receivedAt: new Date('2026-12-01T00:00:00Z'), warnings: new domain.ImportWarnings() };
  let count = 0;
  for await (const { record } of readImport(format, context, new Set())) {
    storable(record);
    count++;
  }
  return count;
}

/** Uploads are bytes: file readers get them as they are, text parsers as the server decodes them (UTF-8). */
const text = (input) => (typeof input === 'string' ? input : input.toString('utf8'));
const PARSERS = {
  sarif: (input) => readAll('sarif', input),
  json: (input) => readAll('json', input),
  csv: (input) => readAll('csv', input),
  'sarif-log': (input) => domain.parseSarifLog(JSON.parse(text(input))).findings.length,
  'csv-text': (input) => domain.parseFindingsCsv(text(input)).length,
  native: (input) => domain.parseThreatModel(text(input), { format: 'native', limits: MODEL_LIMITS }).components.length,
  otm: (input) => domain.parseThreatModel(text(input), { format: 'otm', limits: MODEL_LIMITS }).components.length,
  'threat-dragon': (input) => domain.parseThreatModel(text(input), { format: 'threat-dragon', limits: MODEL_LIMITS }).components.length,
  'threat-model': (input) => domain.parseThreatModel(text(input), { limits: MODEL_LIMITS }).components.length,
  // The harness's own checks: a parser that never returns, and one that allocates without bound.
  'self-check-hang': () => {
    for (;;);
  },
  'self-check-memory': () => {
    const hoard = [];
    for (;;) hoard.push(new Array(1e6).fill(hoard.length));
  },
};

function isInputError(error) {
  return error instanceof domain.InputError || error instanceof DomainError || error instanceof JsonStreamError || error instanceof SyntaxError;
}

// Loaded: from here on the parent times each run, so a slow start on a busy machine is not a hang.
parentPort.postMessage({ ready: true });

parentPort.on('message', async ({ id, parser, input, measure }) => {
  if (measure) {
    gc();
    parentPort.postMessage({ id, outcome: 'accepted', heapUsed: process.memoryUsage().heapUsed });
    return;
  }
  let outcome;
  let detail;
  try {
    await PARSERS[parser](typeof input === 'string' ? input : Buffer.from(input));
    outcome = 'accepted';
  } catch (error) {
    outcome = isInputError(error) && !error.unstorable ? 'refused' : 'crashed';
    detail = outcome === 'crashed' ? String(error && error.stack ? error.stack : error) : undefined;
  }
  parentPort.postMessage({ id, outcome, detail });
});
