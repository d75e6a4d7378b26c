#!/usr/bin/env node
/**
 * `npm run dev`: the API on :3000 (embedded database, demo data) and Vite's hot-reloading dashboard on
 * :5173, which proxies /api to the API. Ctrl-C stops both.
 */
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const nx = path.join(root, 'node_modules', 'nx', 'dist', 'bin', 'nx.js');
const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' };
const built = spawnSync(process.execPath, [nx, 'run-many', '-t', 'build', '--projects=domain,api', '--outputStyle=static'], { cwd: root, stdio: 'inherit', env });
if (built.status !== 0) process.exit(built.status ?? 1);

const api = spawn(process.execPath, [path.join(root, 'apps/api/dist/apps/api/src/main.js')], { cwd: root, stdio: 'inherit', env });
const web = spawn(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), '--port', '5173'], { cwd: path.join(root, 'apps/web'), stdio: 'inherit', env });
console.log('dashboard with hot reload: http://localhost:5173 (API on http://localhost:3000)');

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  web.kill('SIGTERM');
  api.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
api.on('exit', (code) => {
  stop();
  process.exitCode = code ?? 0;
});
web.on('exit', stop);
