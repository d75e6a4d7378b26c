import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ContextSource } from './context-source';
import { selectComponents } from './select-components';

const source = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../../test/fixtures/context-packs/accounts-api.json'), 'utf8')) as ContextSource;
const ask = (over: Partial<{ paths: string[]; components: string[]; repo: string | null }>) => ({ paths: [], components: [], repo: null, changeRef: null, ...over });
const keys = (selection: ReturnType<typeof selectComponents>) => selection.components.map((c) => c.key);

describe(selectComponents.name, () => {
  const sut = selectComponents;

  it('takes the deepest component whose path rules cover a path, ignoring repository rules when no repository is named', () => {
    // `ci` is tied to the repository alone, so without a repository it covers every path of the service.
    expect(keys(sut(source, ask({ paths: ['./src/api/accounts/get.ts'] })))).toEqual(['accounts-routes', 'ci']);
    expect(sut(source, ask({ paths: ['src/api/accounts/get.ts'] })).components[0].paths).toEqual(['src/api/accounts/get.ts']);
    expect(keys(sut(source, ask({ paths: ['src/api/health.ts'] })))).toEqual(['api', 'ci']);
  });

  it('checks repository rules when a repository is named', () => {
    expect(keys(sut(source, ask({ paths: ['src/api/accounts/get.ts'], repo: 'acme/other' })))).toEqual([]);
    expect(keys(sut(source, ask({ paths: ['src/api/accounts/get.ts'], repo: 'https://github.com/acme/accounts' })))).toEqual(['accounts-routes', 'ci']);
  });

  it('reports paths no component covers, and components by key or name', () => {
    const selection = sut(source, ask({ paths: ['README.md'], components: ['ACCOUNTS DATABASE', 'api', 'nope'], repo: 'acme/other' }));
    expect(keys(selection)).toEqual(['api', 'db']);
    expect(selection.unmatchedPaths).toEqual(['README.md']);
    expect(selection.unknownComponents).toEqual(['nope']);
  });

  it('takes every component when neither paths nor components are given', () => {
    expect(keys(sut(source, ask({})))).toEqual(['api', 'accounts-routes', 'db', 'ci']);
  });
});
