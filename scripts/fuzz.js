#!/usr/bin/env node
/**
 * `npm run fuzz`: the fuzz suites (every parser in a bounded worker, and every upload route over HTTP)
 * run long. ESCAPEMENT_FUZZ_RUNS sets the runs per property (default 2000; `npm test` runs about 100),
 * ESCAPEMENT_FUZZ_SEED the seed (default: a new one, printed, so a failure can be run again).
 */
'use strict';
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const runs = process.env.ESCAPEMENT_FUZZ_RUNS || '2000';
const seed = process.env.ESCAPEMENT_FUZZ_SEED || String(Math.floor(Math.random() * 2 ** 31));
console.log(`fuzzing with ${runs} runs per property, seed ${seed} (again: ESCAPEMENT_FUZZ_RUNS=${runs} ESCAPEMENT_FUZZ_SEED=${seed} npm run fuzz)`);

const build = spawnSync(process.execPath, [path.join(root, 'node_modules', 'nx', 'dist', 'bin', 'nx.js'), 'run-many', '-t', 'build', '--projects=domain,api', '--outputStyle=static'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
});
if (build.status !== 0) process.exit(build.status ?? 1);

const jest = path.join(root, 'node_modules', 'jest', 'bin', 'jest.js');
const specs = ['test/e2e/parsers-fuzz.e2e-spec.ts', 'test/e2e/imports-fuzz.e2e-spec.ts'];
const result = spawnSync(process.execPath, [jest, '-c', 'test/e2e/jest.e2e.config.js', ...specs, ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, TZ: 'UTC', ESCAPEMENT_FUZZ_RUNS: runs, ESCAPEMENT_FUZZ_SEED: seed },
});
if (result.status !== 0) console.log(`\nfuzzing found a problem; run it again with ESCAPEMENT_FUZZ_RUNS=${runs} ESCAPEMENT_FUZZ_SEED=${seed} npm run fuzz`);
process.exit(result.status ?? 1);
