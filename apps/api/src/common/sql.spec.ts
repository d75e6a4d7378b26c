import { arrayLiteral } from './sql';

// pg's own serialisation of parameters (the module has no type declarations).
const { prepareValue } = require('pg/lib/utils') as { prepareValue: (value: unknown) => unknown };

describe('arrayLiteral', () => {
  it('writes an array parameter exactly as pg does', () => {
    const arrays: (string | number | null)[][] = [
      [],
      [null],
      ['plain', 'a"quote', 'a\\backslash', '\\"', '"\\', '{79,89}', '', ' ', 'NULL', 'null', 'é', '\uD83D\uDE00', 'tab\there', 'new\nline', ',', '}{'],
      [0, 1, 42, 10_000_000, null, 'x'],
      ['2026-06-01T00:00:00.000Z', null, '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b'],
    ];
    for (const values of arrays) expect(arrayLiteral(values)).toBe(prepareValue(values));
  });
});
