import { seededRandom } from '@escapement/domain';
import { JsonStreamError } from './json-stream-error';
import { parseJsonText } from './parse-json-text';
import { selectJsonValues } from './select-json-values';

/**
 * Writes random JSON text directly (not through JSON.stringify), so that it covers what serialisers never emit:
 * every whitespace character, `\/` and `\u` escapes in either case, surrogate pairs written as escapes, lone
 * surrogates, exponents with signs, `-0`, duplicate and `__proto__` keys.
 */
class RandomJson {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = seededRandom(seed);
  }

  document(): string {
    return this.space() + this.value(0) + this.space();
  }

  private int(below: number): number {
    return Math.floor(this.next() * below);
  }

  private pick<T>(choices: readonly T[]): T {
    return choices[this.int(choices.length)];
  }

  private space(): string {
    return this.int(3) === 0 ? '' : Array.from({ length: this.int(3) + 1 }, () => this.pick([' ', '\t', '\n', '\r\n', '  '])).join('');
  }

  private value(depth: number): string {
    const kind = this.int(depth > 4 ? 4 : 6);
    if (kind === 0) return this.pick(['true', 'false', 'null']);
    if (kind === 1 || kind === 2) return this.number();
    if (kind === 3) return this.string();
    const count = this.int(5);
    const items = Array.from({ length: count }, () =>
      kind === 4 ? this.space() + this.value(depth + 1) + this.space() : `${this.space()}${this.key()}${this.space()}:${this.space()}${this.value(depth + 1)}${this.space()}`,
    );
    const body = items.length === 0 ? this.space() : items.join(',');
    return kind === 4 ? `[${body}]` : `{${body}}`;
  }

  private number(): string {
    const sign = this.int(3) === 0 ? '-' : '';
    const integer = this.int(3) === 0 ? '0' : String(this.int(9) + 1) + this.digits(this.int(20));
    const fraction = this.int(2) === 0 ? '' : '.' + this.digits(this.int(20) + 1);
    const exponent = this.int(3) !== 0 ? '' : this.pick(['e', 'E']) + this.pick(['', '+', '-']) + this.digits(this.int(3) + 1);
    return sign + integer + fraction + exponent;
  }

  private digits(count: number): string {
    let digits = '';
    for (let i = 0; i < count; i++) digits += String(this.int(10));
    return digits;
  }

  private key(): string {
    return this.int(4) === 0 ? this.pick(['"__proto__"', '"constructor"', '"a"', '"1"', '"01"', '""', '"\\u005f_proto__"']) : this.string();
  }

  private string(): string {
    let text = '"';
    const length = this.int(12);
    for (let i = 0; i < length; i++) text += this.character();
    return text + '"';
  }

  private character(): string {
    switch (this.int(10)) {
      case 0:
        return this.pick(['\\"', '\\\\', '\\/', '\\b', '\\f', '\\n', '\\r', '\\t']);
      case 1:
        return '\\u' + this.int(0x10000).toString(16).padStart(4, '0')[this.pick(['toLowerCase', 'toUpperCase'] as const)]();
      case 2: {
        const astral = 0x10000 + this.int(0x100000);
        return this.pick([String.fromCodePoint(astral), escapeUtf16(String.fromCodePoint(astral))]);
      }
      case 3:
        return String.fromCharCode(0x80 + this.int(0xd800 - 0x80)); // raw BMP, one to three UTF-8 bytes
      default:
        return String.fromCharCode(0x20 + this.int(0x5f)).replace(/["\\]/, 'x');
    }
  }
}

/** Every UTF-16 code unit as a `\u` escape: an astral character becomes an escaped surrogate pair. */
function escapeUtf16(text: string): string {
  return Array.from({ length: text.length }, (_, i) => '\\u' + text.charCodeAt(i).toString(16).padStart(4, '0')).join('');
}

/**
 * A faithful description of a parsed value for comparing two parsers: keys in enumeration order, -0 apart from 0,
 * prototypes checked. (Jest's equality reads `.constructor`, which a parsed `"constructor"` key shadows.)
 */
function describeValue(value: unknown): string {
  if (Object.is(value, -0)) return '-0';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) return 'array with a foreign prototype';
    return `[${value.map(describeValue).join(',')}]`;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return 'object with a foreign prototype';
  const members = Object.keys(value).map((key) => `${JSON.stringify(key)}:${describeValue((value as Record<string, unknown>)[key])}`);
  return `{${members.join(',')}}`;
}

/** Bytes of `text` cut at random points, so that multi-byte characters and escapes get split. */
function randomChunks(text: string, random: () => number): Buffer[] {
  const bytes = Buffer.from(text);
  const chunks: Buffer[] = [];
  for (let start = 0; start < bytes.length; ) {
    const end = Math.min(bytes.length, start + 1 + Math.floor(random() * 16));
    chunks.push(bytes.subarray(start, end));
    start = end;
  }
  return chunks;
}

const RUNS = 400;

describe(parseJsonText.name, () => {
  it(`agrees with JSON.parse on ${RUNS} random documents`, () => {
    for (let seed = 1; seed <= RUNS; seed++) {
      const text = new RandomJson(seed).document();
      expect({ seed, value: describeValue(parseJsonText(text)) }).toEqual({ seed, value: describeValue(JSON.parse(text)) });
    }
  });

  it(`accepts exactly what JSON.parse accepts, over ${RUNS * 5} random one-character edits`, () => {
    const outcomes = { accepted: 0, refused: 0 };
    const edits = ['', ' ', '{', '}', '[', ']', ',', ':', '"', '\\', '0', '1', '-', '+', '.', 'e', 't', 'n', 'x', '\n', '\u0001', '/'];
    for (let seed = 1; seed <= RUNS * 5; seed++) {
      const random = seededRandom(seed);
      const original = new RandomJson(seed).document();
      const at = Math.floor(random() * (original.length + 1));
      const replaced = Math.floor(random() * 2);
      const text = original.slice(0, at) + edits[Math.floor(random() * edits.length)] + original.slice(at + replaced);
      let expected: unknown;
      try {
        expected = describeValue(JSON.parse(text));
      } catch {
        expected = 'refused';
      }
      let actual: unknown;
      try {
        actual = describeValue(parseJsonText(text));
      } catch (error) {
        if (!(error instanceof JsonStreamError)) throw error;
        actual = 'refused';
      }
      expect({ seed, text, actual }).toEqual({ seed, text, actual: expected });
      outcomes[actual === 'refused' ? 'refused' : 'accepted']++;
    }
    // Both sides of the boundary get exercised.
    expect(Math.min(outcomes.accepted, outcomes.refused)).toBeGreaterThan(RUNS);
  });
});

describe(selectJsonValues.name, () => {
  it(`agrees with JSON.parse on ${RUNS} random documents sent as randomly cut UTF-8 chunks`, async () => {
    for (let seed = 1; seed <= RUNS; seed++) {
      // Lone surrogates cannot travel as UTF-8; the escaped ones still do.
      const text = new RandomJson(seed).document().replace(/[\ud800-\udfff]/gu, 'x');
      const values: string[] = [];
      for await (const { value } of selectJsonValues(randomChunks(text, seededRandom(seed)), () => 'take')) values.push(describeValue(value));
      expect({ seed, values }).toEqual({ seed, values: [describeValue(JSON.parse(text))] });
    }
  });
});
