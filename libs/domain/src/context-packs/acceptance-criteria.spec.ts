import * as fs from 'node:fs';
import * as path from 'node:path';
import { deriveCriteria, traceOf } from './acceptance-criteria';
import type { ContextSource } from './context-source';
import { rankThreats } from './rank-threats';

const source = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../../test/fixtures/context-packs/accounts-api.json'), 'utf8')) as ContextSource;

describe(deriveCriteria.name, () => {
  it('gives one criterion per mitigation not rejected, or one from the threat, none for threats not applicable, in ranking order', () => {
    const sut = deriveCriteria(rankThreats(source.threats, source.components, new Set(['accounts-routes']), source.escapes));
    expect(sut.map((c) => [c.id, c.text, traceOf(c)])).toEqual([
      ['T-12/owner-or-admin', 'Every route under /accounts enforces owner-or-admin', 'threat T-12, CWE-639'],
      ['T-3', 'Prevent: SQL injection in account search', 'threat T-3, CWE-89'],
      ['T-20', 'Prevent: Audit trail of account changes is missing', 'threat T-20, CWE-778'],
      ['T-7/uniform-errors', 'Uniform errors for absent and forbidden accounts', 'threat T-7, CWE-200, CWE-204'],
    ]);
  });
});
