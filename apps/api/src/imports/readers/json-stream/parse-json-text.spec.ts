import { JsonStreamError } from './json-stream-error';
import { parseJsonText } from './parse-json-text';

/** The error parseJsonText throws, with the fields that locate it. */
function failure(text: string, options?: Parameters<typeof parseJsonText>[1]): Pick<JsonStreamError, 'kind' | 'message' | 'line' | 'column' | 'pointer'> {
  try {
    parseJsonText(text, options);
  } catch (error) {
    if (!(error instanceof JsonStreamError)) throw error;
    return { kind: error.kind, message: error.message, line: error.line, column: error.column, pointer: error.pointer };
  }
  throw new Error(`parsed ${JSON.stringify(text)} without an error`);
}

describe(parseJsonText.name, () => {
  const sut = parseJsonText;

  it.each([
    ['true', true],
    ['false', false],
    ['null', null],
    ['""', ''],
    ['"plain"', 'plain'],
    ['[]', []],
    ['{}', {}],
    ['[1, "a", [true], {"k": null}]', [1, 'a', [true], { k: null }]],
    [' \t\r\n {\n\t"a" \r\n:\t1 }\n ', { a: 1 }],
  ])('reads %j like JSON.parse', (text, expected) => {
    expect(sut(text)).toStrictEqual(expected);
    expect(sut(text)).toStrictEqual(JSON.parse(text));
  });

  it.each([
    ['\\"', '"'],
    ['\\\\', '\\'],
    ['\\/', '/'],
    ['\\b', '\b'],
    ['\\f', '\f'],
    ['\\n', '\n'],
    ['\\r', '\r'],
    ['\\t', '\t'],
    ['\\u0041\\u00e9\\u20AC', 'Aé€'],
    ['\\u0000', '\u0000'],
    ['\\ud83d\\ude00', '😀'],
    ['\\uD83D\\uDE00', '😀'],
    ['lone \\ud800 high', 'lone \ud800 high'],
    ['lone \\udc00 low', 'lone \udc00 low'],
    ['a\\nb\\tc\\"d', 'a\nb\tc"d'],
    ['raw é € 😀 \u007f \u2028', 'raw é € 😀 \u007f \u2028'],
  ])('decodes the escape in "%s"', (escaped, expected) => {
    expect(sut(`"${escaped}"`)).toBe(expected);
    expect(sut(`{"${escaped}":1}`)).toStrictEqual({ [expected]: 1 });
  });

  it.each(['0', '-0', '7', '-12', '10', '1.5', '-0.25', '1e3', '1E3', '1e+3', '2.5E-3', '0e0', '-0.0e-0', '1e400', '-1e400', '1e-400', '123456789012345678901234567890', '0.1000000000000000055511151231257827', '9007199254740993'])(
    'reads the number %s exactly as JSON.parse does',
    (text) => {
      expect(Object.is(sut(text), JSON.parse(text))).toBe(true);
      expect(sut(`[${text}]`)).toStrictEqual(JSON.parse(`[${text}]`));
    },
  );

  it('makes __proto__ keys own properties, leaving the prototype alone', () => {
    const parsed = sut('{"__proto__": {"polluted": true}, "a": {"__proto__": []}}') as Record<string, unknown>;
    expect(parsed).toStrictEqual(JSON.parse('{"__proto__": {"polluted": true}, "a": {"__proto__": []}}'));
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(Object.hasOwn(parsed, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect('a' in parsed && parsed.hasOwnProperty('a')).toBe(true);
  });

  it('lets the last duplicate key win', () => {
    expect(sut('{"a": 1, "b": 2, "a": [3]}')).toStrictEqual({ a: [3], b: 2 });
  });

  it('skips a leading byte order mark', () => {
    expect(sut('\ufeff{"a": 1}')).toStrictEqual({ a: 1 });
  });

  it('accepts nesting up to maxDepth and refuses one level more where it opens', () => {
    expect(sut('[[[]]]', { maxDepth: 3 })).toStrictEqual([[[]]]);
    expect(failure('[[{"a": [1]}]]', { maxDepth: 3 })).toEqual({
      kind: 'depth',
      message: 'Nesting deeper than 3 levels at line 1, column 9 (in /0/0/a)',
      line: 1,
      column: 9,
      pointer: '/0/0/a',
    });
    expect(failure('['.repeat(65) + ']'.repeat(65))).toMatchObject({ kind: 'depth', column: 65 });
    expect(sut('['.repeat(64) + ']'.repeat(64))).toBeInstanceOf(Array);
  });

  it('refuses strings longer than maxStringLength, counting decoded characters', () => {
    expect(sut('"\\u0041\\u0042c"', { maxStringLength: 3 })).toBe('ABc');
    expect(failure('{"ok": "abcd"}', { maxStringLength: 3 })).toMatchObject({ kind: 'size', line: 1, column: 8, pointer: '/ok' });
    expect(failure('["ab\\n"]', { maxStringLength: 2 })).toMatchObject({ kind: 'size', message: 'String longer than 2 characters at line 1, column 2 (in /0)' });
    expect(failure('{"key": 1}', { maxStringLength: 2 })).toMatchObject({ kind: 'size', pointer: '' });
  });

  it.each([
    ['empty input', '', 'Unexpected end of input at line 1, column 1: expected a value'],
    ['only whitespace', ' \n ', 'Unexpected end of input at line 2, column 2: expected a value'],
    ['missing comma in an array', '[1 2]', 'Unexpected character "2" at line 1, column 4: expected \',\' or \']\''],
    ['missing comma in an object', '{"a": 1\n "b": 2}', 'Unexpected character "\\"" at line 2, column 2: expected \',\' or \'}\''],
    ['trailing comma in an array', '{"a": [1,]}', 'Unexpected character "]" at line 1, column 10 (in /a/1): expected a value (trailing commas are not allowed)'],
    ['trailing comma in an object', '[{"a": 1,}]', 'Unexpected character "}" at line 1, column 10 (in /0): expected a string key (trailing commas are not allowed)'],
    ['missing value', '{"runs":[{"results":[{},{},{},{"level": }]}]}', 'Unexpected character "}" at line 1, column 41 (in /runs/0/results/3/level): expected a value'],
    ['missing colon', '{"a" 1}', 'Unexpected character "1" at line 1, column 6 (in /a): expected \':\''],
    ['unquoted key', '{a: 1}', 'Unexpected character "a" at line 1, column 2: expected a string key or \'}\''],
    ['single quotes', "['a']", 'Unexpected character "\'" at line 1, column 2: expected a value or \']\''],
    ['mismatched bracket', '[1}', 'Unexpected character "}" at line 1, column 3: expected \',\' or \']\''],
    ['unterminated string', '{"a": "abc', 'Unexpected end of input at line 1, column 11 (in /a): unterminated string'],
    ['unterminated key', '{"ab', 'Unexpected end of input at line 1, column 5: unterminated string'],
    ['unterminated arrays', '{"runs": [{"results": [1, 2', 'Unexpected end of input at line 1, column 28 (in /runs/0/results): expected \',\' or \']\''],
    ['unterminated after a comma', '[1,', 'Unexpected end of input at line 1, column 4 (in /1): expected a value'],
    ['raw line feed in a string', '["a\nb"]', 'Unexpected character "\\n" at line 1, column 4 (in /0): control characters in strings must be escaped'],
    ['raw tab in a string', '"a\tb"', 'Unexpected character "\\t" at line 1, column 3: control characters in strings must be escaped'],
    ['bad escape', '{"a": "x\\qy"}', 'Invalid escape "\\\\q" at line 1, column 9 (in /a)'],
    ['escaped single quote', '"\\\'"', 'Invalid escape "\\\\\'" at line 1, column 2'],
    ['short \\u escape', '"\\u12G4"', 'Invalid escape "\\\\u12G" at line 1, column 2: expected 4 hexadecimal digits'],
    ['\\u escape cut by the quote', '"\\u12"', 'Invalid escape "\\\\u12\\"" at line 1, column 2: expected 4 hexadecimal digits'],
    ['unterminated escape', '"\\u00', 'Unexpected end of input at line 1, column 6: unterminated string'],
    ['leading zero', '[01]', 'Unexpected character "1" at line 1, column 3 (in /0): numbers must not have leading zeros'],
    ['negative leading zero', '-00', 'Unexpected character "0" at line 1, column 3: numbers must not have leading zeros'],
    ['point without digits', '[1.]', 'Unexpected character "]" at line 1, column 4 (in /0): expected a digit'],
    ['point at the end', '1.', 'Unexpected end of input at line 1, column 3: expected a digit'],
    ['leading point', '.5', 'Unexpected character "." at line 1, column 1: expected a value'],
    ['plus sign', '+1', 'Unexpected character "+" at line 1, column 1: expected a value'],
    ['lone minus', '[-]', 'Unexpected character "]" at line 1, column 3 (in /0): expected a digit'],
    ['exponent without digits', '1e', 'Unexpected end of input at line 1, column 3: expected a digit'],
    ['letter after the exponent', '[1e]', 'Unexpected character "]" at line 1, column 4 (in /0): expected a digit or a sign'],
    ['exponent sign without digits', '1e+x', 'Unexpected character "x" at line 1, column 4: expected a digit'],
    ['second point', '1.2.3', 'Unexpected character "." at line 1, column 4: expected the end of input'],
    ['hexadecimal', '0x10', 'Unexpected character "x" at line 1, column 2: expected the end of input'],
    ['misspelt literal', '[tru]', 'Unexpected character "]" at line 1, column 5 (in /0): expected "true"'],
    ['capitalised literal', 'True', 'Unexpected character "T" at line 1, column 1: expected a value'],
    ['cut literal', 'nul', 'Unexpected end of input at line 1, column 4: expected "null"'],
    ['NaN', 'NaN', 'Unexpected character "N" at line 1, column 1: expected a value'],
    ['garbage after the root', '{"a": 1} x', 'Unexpected character "x" at line 1, column 10: expected the end of input'],
    ['second root value', '[] []', 'Unexpected character "[" at line 1, column 4: expected the end of input'],
    ['comment', '[1 /* no */]', 'Unexpected character "/" at line 1, column 4: expected \',\' or \']\''],
    ['non-breaking space', '[1,\u00a02]', 'Unexpected character "\u00a0" at line 1, column 4 (in /1): expected a value'],
    ['emoji outside a string', '\n\n  😀', 'Unexpected character "😀" at line 3, column 3: expected a value'],
    ['byte order mark after the start', ' \ufeff1', 'Unexpected character "\ufeff" at line 1, column 2: expected a value'],
    ['key escaped in the pointer', '{"a/b": {"~": [nul]}}', 'Unexpected character "]" at line 1, column 19 (in /a~1b/~0/0): expected "null"'],
  ])('reports %s where it happens', (_case, text, message) => {
    const error = failure(text);
    expect(error.message).toBe(message);
    expect(error.kind).toBe('syntax');
    expect(message).toContain(`at line ${error.line}, column ${error.column}${error.pointer ? ` (in ${error.pointer})` : ''}`);
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
  });

  it('counts lines and columns across a pretty-printed document', () => {
    const text = '{\n  "runs": [\n    {\n      "results": [\n        { "level": "error", },\n      ]\n    }\n  ]\n}\n';
    expect(failure(text)).toEqual({
      kind: 'syntax',
      message: 'Unexpected character "}" at line 5, column 29 (in /runs/0/results/0): expected a string key (trailing commas are not allowed)',
      line: 5,
      column: 29,
      pointer: '/runs/0/results/0',
    });
  });
});
