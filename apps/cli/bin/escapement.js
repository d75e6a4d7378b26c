#!/usr/bin/env node
'use strict';
const path = require('node:path');
const fs = require('node:fs');
const entry = path.join(__dirname, '..', 'dist', 'main.js');
if (!fs.existsSync(entry)) {
  console.error('escapement: the CLI is not built yet; run `npm run build` at the repository root.');
  process.exit(1);
}
require(entry);
