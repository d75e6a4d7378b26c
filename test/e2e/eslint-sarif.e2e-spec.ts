import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { resetDatabase, startTestApp, type TestApp } from '../support/test-app';

const ROOT = path.resolve(__dirname, '..', '..');
const PROJECT = path.join(ROOT, 'test', 'fixtures', 'eslint-project');
const ESLINT = path.join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js');

/** Runs the real ESLint over a fixture with real problems; its exit code is 1 when it finds any. */
function eslint(format: string, output: string): void {
  const result = spawnSync(process.execPath, [ESLINT, '--no-eslintrc', '-c', path.join(PROJECT, '.eslintrc.json'), '-f', format, '-o', output, path.join(PROJECT, 'src')], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (result.status !== 0 && result.status !== 1) throw new Error(`eslint failed: ${result.stderr}`);
}

describe('SARIF written by a real tool (ESLint with the SARIF formatter)', () => {
  let sut: TestApp;
  let dir: string;
  beforeAll(async () => {
    sut = await startTestApp();
    await resetDatabase(sut);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'escapement-eslint-'));
  });
  afterAll(async () => {
    await sut.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('imports every problem ESLint reported, once, and a re-run changes nothing', async () => {
    const sarif = path.join(dir, 'eslint.sarif');
    const json = path.join(dir, 'eslint.json');
    eslint('@microsoft/eslint-formatter-sarif', sarif);
    eslint('json', json);
    // The independent count: ESLint's own JSON report of the same run.
    const messages = (JSON.parse(fs.readFileSync(json, 'utf8')) as { messages: { ruleId: string }[] }[]).flatMap((f) => f.messages);
    expect(messages.length).toBeGreaterThanOrEqual(5);

    const response = await sut.http().post('/api/v1/imports?service=reports-api&stage=ci').set('content-type', 'application/octet-stream').send(fs.readFileSync(sarif)).expect(201);
    expect(response.body).toMatchObject({ format: 'sarif', tools: ['ESLint'] });
    expect(response.body.findings).toMatchObject({ received: messages.length, created: messages.length, suppressed: 0 });
    const rules = await sut.sql<{ rule_id: string; path: string; line: number }>(`SELECT rule_id, path, line FROM findings ORDER BY line, rule_id`);
    expect(rules.map((r) => r.rule_id).sort()).toEqual(messages.map((m) => m.ruleId).sort());
    expect(rules.every((r) => r.path.endsWith('test/fixtures/eslint-project/src/report-controller.js'))).toBe(true);
    expect(rules.find((r) => r.rule_id === 'no-eval')?.line).toBe(7);

    // Rerunning the linter on unchanged code: the same findings, nothing new.
    eslint('@microsoft/eslint-formatter-sarif', sarif);
    const again = await sut.http().post('/api/v1/imports?service=reports-api&stage=ci').set('content-type', 'application/octet-stream').send(fs.readFileSync(sarif)).expect(201);
    expect(again.body.findings).toMatchObject({ created: 0, updated: 0, unchanged: messages.length });
  });
});
