import { JsonStreamError } from './json-stream-error';
import { JsonTokenizer, type JsonTokenHandler, type ScalarValue } from './json-tokenizer';

/** Records tokens as text, e.g. `{@0`, `"abc"@3-8`; grammar is not checked here. */
class RecordingHandler implements JsonTokenHandler {
  readonly tokens: string[] = [];
  private start = 0;

  constructor(private readonly capture = true) {}

  punctuation(code: number, at: number): void {
    this.tokens.push(`${String.fromCharCode(code)}@${at}`);
  }

  scalarStart(_code: number, at: number): boolean {
    this.start = at;
    return this.capture;
  }

  scalarEnd(value: ScalarValue, end: number): void {
    this.tokens.push(`${value === undefined ? 'undefined' : JSON.stringify(value)}@${this.start}-${end}`);
  }

  unexpected(codePoint: number, at: number): never {
    throw new Error(`unexpected ${String.fromCodePoint(codePoint)}@${at}`);
  }

  endOfInput(at: number): void {
    this.tokens.push(`end@${at}`);
  }

  pointer(): string {
    return '/here';
  }
}

function tokenize(chunks: string[], capture = true): string[] {
  const handler = new RecordingHandler(capture);
  const sut = new JsonTokenizer(handler, 100);
  for (const chunk of chunks) sut.write(chunk);
  sut.end();
  return handler.tokens;
}

describe(JsonTokenizer.name, () => {
  const document = '{"a\\u00e9\\n" : [-1.5e+3, 0, true,false , null]}\n 42';
  const tokens = [
    '{@0',
    '"aé\\n"@1-12',
    ':@13',
    '[@15',
    '-1500@16-23',
    ',@23',
    '0@25-26',
    ',@26',
    'true@28-32',
    ',@32',
    'false@33-38',
    ',@39',
    'null@41-45',
    ']@45',
    '}@46',
    '42@49-51',
    'end@51',
  ];

  it('delivers every token with its offsets', () => {
    expect(tokenize([document])).toEqual(tokens);
  });

  it('resumes tokens split between chunks at any point', () => {
    expect(tokenize([...document])).toEqual(tokens);
    for (let split = 0; split <= document.length; split++) {
      expect(tokenize([document.slice(0, split), document.slice(split)])).toEqual(tokens);
    }
  });

  it('only validates strings and numbers whose value is not wanted', () => {
    expect(tokenize(['["x\\"y", 12.5e1, null]'], false)).toEqual(['[@0', 'undefined@1-7', ',@7', 'undefined@9-15', ',@15', 'null@17-21', ']@21', 'end@22']);
  });

  it('counts lines at line feeds and columns from the line start', () => {
    const handler = new RecordingHandler();
    const sut = new JsonTokenizer(handler, 100);
    sut.write('[\r\n  1,\n\t');
    expect(sut.currentLine()).toBe(3);
    expect(sut.columnAt(sut.position)).toBe(2);
  });

  it('reports lexical errors with position and the handler pointer', () => {
    const handler = new RecordingHandler();
    const sut = new JsonTokenizer(handler, 100);
    sut.write('\n  ');
    expect(() => sut.write('"\\q"')).toThrow(new JsonStreamError({ kind: 'syntax', problem: 'Invalid escape "\\\\q"', line: 2, column: 4, pointer: '/here' }));
  });

  it('refuses strings and numbers longer than the limit at their first character', () => {
    const sut = new JsonTokenizer(new RecordingHandler(false), 3);
    expect(() => sut.write(' "abcd"')).toThrow('String longer than 3 characters at line 1, column 2 (in /here)');
    const numbers = new JsonTokenizer(new RecordingHandler(false), 3);
    numbers.write('12');
    expect(() => numbers.write('34 ')).toThrow('Number longer than 3 characters at line 1, column 1 (in /here)');
  });

  it('leaves characters that start no token to the handler', () => {
    expect(() => tokenize(['[x]'])).toThrow('unexpected x@1');
    expect(() => tokenize(['😀'])).toThrow('unexpected 😀@0');
  });
});
