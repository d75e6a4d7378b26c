import { unexpectedCharacter, JsonStreamError } from './json-stream-error';

/** A scalar as the tokenizer delivers it; `undefined` when its value was not asked for (only validated). */
export type ScalarValue = string | number | boolean | null | undefined;

/**
 * Receives the tokens of a document. Offsets are absolute, in UTF-16 code units of the decoded text.
 * Grammar (which token may follow which) is the handler's business; the tokenizer only knows tokens.
 */
export interface JsonTokenHandler {
  /** One of `{ } [ ] : ,` (given as its char code). */
  punctuation(code: number, at: number): void;
  /** A string, number or literal starts with `code`; answers whether its value is wanted. */
  scalarStart(code: number, at: number): boolean;
  /** The scalar started last is complete; `end` is the offset just past it. */
  scalarEnd(value: ScalarValue, end: number): void;
  /** A character that cannot start a token here; must throw. */
  unexpected(codePoint: number, at: number): never;
  /** The input ended between tokens; throws unless the document is complete. */
  endOfInput(at: number): void;
  /** Pointer of the value being read, for error messages. */
  pointer(): string;
}

// Char codes of the hot loops, named once so the loops stay readable.
const TAB = 0x09;
const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const SPACE = 0x20;
const QUOTE = 0x22;
const PLUS = 0x2b;
const COMMA = 0x2c;
const MINUS = 0x2d;
const DOT = 0x2e;
const DIGIT_0 = 0x30;
const DIGIT_1 = 0x31;
const DIGIT_9 = 0x39;
const COLON = 0x3a;
const UPPER_E = 0x45;
const OPEN_BRACKET = 0x5b;
const BACKSLASH = 0x5c;
const CLOSE_BRACKET = 0x5d;
const LOWER_E = 0x65;
const LOWER_F = 0x66;
const LOWER_N = 0x6e;
const LOWER_T = 0x74;
const LOWER_U = 0x75;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

// Which token is unfinished at the end of a chunk.
const IN_NOTHING = 0;
const IN_STRING = 1;
const IN_NUMBER = 2;
const IN_LITERAL = 3;

// Position inside an escape sequence: none, just after `\`, or after `\u` and 0–3 hex digits.
const ESCAPE_NONE = 0;
const ESCAPE_BACKSLASH = 1;
const ESCAPE_HEX = 2;

// RFC 8259 number grammar: -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?
const NUMBER_SIGN = 0; // after '-': a digit must follow
const NUMBER_ZERO = 1; // a leading 0: only '.', 'e' or the end may follow
const NUMBER_INTEGER = 2;
const NUMBER_POINT = 3; // after '.': a digit must follow
const NUMBER_FRACTION = 4;
const NUMBER_EXPONENT = 5; // after 'e': a sign or digit must follow
const NUMBER_EXPONENT_SIGN = 6; // a digit must follow
const NUMBER_EXPONENT_DIGITS = 7;

/** Values of the one-character escapes, indexed by the char code after the backslash; 0 = not an escape. */
const SIMPLE_ESCAPES = new Uint16Array(128);
SIMPLE_ESCAPES[QUOTE] = QUOTE;
SIMPLE_ESCAPES[BACKSLASH] = BACKSLASH;
SIMPLE_ESCAPES[0x2f] = 0x2f; // '/'
SIMPLE_ESCAPES[0x62] = 0x08; // 'b'
SIMPLE_ESCAPES[LOWER_F] = 0x0c;
SIMPLE_ESCAPES[LOWER_N] = 0x0a;
SIMPLE_ESCAPES[0x72] = 0x0d; // 'r'
SIMPLE_ESCAPES[LOWER_T] = 0x09;

/**
 * Incremental RFC 8259 tokenizer over decoded text. `write` may be called with chunks split anywhere (inside
 * strings, escapes, numbers, literals); a token left unfinished is resumed by the next chunk. Nothing is
 * allocated per character: unescaped runs of a string are sliced from the chunk, and strings or numbers whose
 * value is not wanted are only validated.
 */
export class JsonTokenizer {
  /** Absolute offset of the current chunk's first character. */
  private offset = 0;
  private line = 1;
  /** Absolute offset of the first character of the current line (raw line feeds occur only between tokens). */
  private lineStart = 0;

  private inToken = IN_NOTHING;
  private tokenStart = 0;
  private capture = false;
  /** Captured text of the unfinished token from earlier chunks (decoded for strings, raw for numbers). */
  private text = '';
  private stringLength = 0;
  private escape = ESCAPE_NONE;
  private escapeStart = 0;
  private hexValue = 0;
  private hexDigits = 0;
  private numberState = NUMBER_SIGN;
  private literal = '';
  private literalValue: boolean | null = null;
  private literalMatched = 0;

  constructor(
    private readonly handler: JsonTokenHandler,
    private readonly maxStringLength: number,
  ) {}

  /** Total characters written so far. */
  get position(): number {
    return this.offset;
  }

  currentLine(): number {
    return this.line;
  }

  /** Column of an offset on the current line (every error and every value start is on it when reported). */
  columnAt(at: number): number {
    return at - this.lineStart + 1;
  }

  write(chunk: string): void {
    const length = chunk.length;
    let i = 0;
    if (this.inToken !== IN_NOTHING) i = this.resumeToken(chunk, 0);
    while (i < length) {
      const code = chunk.charCodeAt(i);
      switch (code) {
        case SPACE:
        case TAB:
        case CARRIAGE_RETURN:
          i++;
          break;
        case LINE_FEED:
          i++;
          this.line++;
          this.lineStart = this.offset + i;
          break;
        case OPEN_BRACE:
        case CLOSE_BRACE:
        case OPEN_BRACKET:
        case CLOSE_BRACKET:
        case COLON:
        case COMMA:
          this.handler.punctuation(code, this.offset + i);
          i++;
          break;
        case QUOTE:
          this.startToken(IN_STRING, code, i);
          this.stringLength = 0;
          i = this.readString(chunk, i + 1);
          break;
        case MINUS:
          this.startToken(IN_NUMBER, code, i);
          this.numberState = NUMBER_SIGN;
          i = this.readNumber(chunk, i + 1, i);
          break;
        case DIGIT_0:
          this.startToken(IN_NUMBER, code, i);
          this.numberState = NUMBER_ZERO;
          i = this.readNumber(chunk, i + 1, i);
          break;
        case LOWER_T:
          i = this.startLiteral(chunk, i, 'true', true);
          break;
        case LOWER_F:
          i = this.startLiteral(chunk, i, 'false', false);
          break;
        case LOWER_N:
          i = this.startLiteral(chunk, i, 'null', null);
          break;
        default:
          if (code >= DIGIT_1 && code <= DIGIT_9) {
            this.startToken(IN_NUMBER, code, i);
            this.numberState = NUMBER_INTEGER;
            i = this.readNumber(chunk, i + 1, i);
          } else {
            this.handler.unexpected(chunk.codePointAt(i) ?? code, this.offset + i);
          }
      }
    }
    this.offset += length;
  }

  /** Signals the end of input: completes a trailing number, refuses any other unfinished token. */
  end(): void {
    const at = this.offset;
    if (this.inToken === IN_NUMBER) {
      if (isCompleteNumber(this.numberState)) this.finishNumber('', 0, 0);
      else this.fail('Unexpected end of input', at, 'expected a digit');
    } else if (this.inToken === IN_STRING) {
      this.fail('Unexpected end of input', at, 'unterminated string');
    } else if (this.inToken === IN_LITERAL) {
      this.fail('Unexpected end of input', at, `expected "${this.literal}"`);
    }
    this.handler.endOfInput(at);
  }

  private resumeToken(chunk: string, i: number): number {
    if (this.inToken === IN_STRING) return this.readString(chunk, i);
    if (this.inToken === IN_NUMBER) return this.readNumber(chunk, i, i);
    return this.readLiteral(chunk, i);
  }

  private startToken(kind: number, code: number, i: number): void {
    const at = this.offset + i;
    this.capture = this.handler.scalarStart(code, at);
    this.inToken = kind;
    this.tokenStart = at;
    this.text = '';
  }

  private readString(chunk: string, i: number): number {
    const length = chunk.length;
    for (;;) {
      if (this.escape !== ESCAPE_NONE) {
        i = this.readEscape(chunk, i);
        if (this.escape !== ESCAPE_NONE) return i;
      }
      const runStart = i;
      let code = 0;
      while (i < length) {
        code = chunk.charCodeAt(i);
        if (code === QUOTE || code === BACKSLASH || code < SPACE) break;
        i++;
      }
      if (i > runStart) {
        this.stringLength += i - runStart;
        if (this.stringLength > this.maxStringLength) this.failTooLong('String');
        if (this.capture) this.text += chunk.slice(runStart, i);
      }
      if (i === length) return i;
      if (code === QUOTE) {
        const value = this.capture ? this.text : undefined;
        this.text = '';
        this.inToken = IN_NOTHING;
        this.handler.scalarEnd(value, this.offset + i + 1);
        return i + 1;
      }
      if (code !== BACKSLASH) this.fail(unexpectedCharacter(code), this.offset + i, 'control characters in strings must be escaped');
      this.escape = ESCAPE_BACKSLASH;
      this.escapeStart = this.offset + i;
      i++;
    }
  }

  /** Reads as much of an escape sequence as the chunk holds; lone surrogates from `\uXXXX` are kept as they are. */
  private readEscape(chunk: string, i: number): number {
    const length = chunk.length;
    while (i < length) {
      const code = chunk.charCodeAt(i);
      if (this.escape === ESCAPE_BACKSLASH) {
        if (code === LOWER_U) {
          this.escape = ESCAPE_HEX;
          this.hexValue = 0;
          this.hexDigits = 0;
          i++;
          continue;
        }
        const decoded = code < 128 ? SIMPLE_ESCAPES[code] : 0;
        if (decoded === 0) this.fail(`Invalid escape ${JSON.stringify('\\' + String.fromCharCode(code))}`, this.escapeStart);
        this.appendEscaped(decoded);
        return i + 1;
      }
      const digit = hexDigitValue(code);
      if (digit < 0) {
        const read = this.hexDigits === 0 ? '' : this.hexValue.toString(16).padStart(this.hexDigits, '0');
        this.fail(`Invalid escape ${JSON.stringify('\\u' + read + String.fromCharCode(code))}`, this.escapeStart, 'expected 4 hexadecimal digits');
      }
      this.hexValue = this.hexValue * 16 + digit;
      i++;
      if (++this.hexDigits === 4) {
        this.appendEscaped(this.hexValue);
        return i;
      }
    }
    return i;
  }

  private appendEscaped(code: number): void {
    this.escape = ESCAPE_NONE;
    if (++this.stringLength > this.maxStringLength) this.failTooLong('String');
    if (this.capture) this.text += String.fromCharCode(code);
  }

  /** `start` is where this chunk's part of the number begins (the number may have started in an earlier chunk). */
  private readNumber(chunk: string, i: number, start: number): number {
    const length = chunk.length;
    let state = this.numberState;
    while (i < length) {
      const code = chunk.charCodeAt(i);
      const isDigit = code >= DIGIT_0 && code <= DIGIT_9;
      switch (state) {
        case NUMBER_INTEGER:
        case NUMBER_FRACTION:
        case NUMBER_EXPONENT_DIGITS:
          if (isDigit) break;
          if (code === DOT && state === NUMBER_INTEGER) state = NUMBER_POINT;
          else if ((code === LOWER_E || code === UPPER_E) && state !== NUMBER_EXPONENT_DIGITS) state = NUMBER_EXPONENT;
          else return this.finishNumber(chunk, start, i);
          break;
        case NUMBER_ZERO:
          if (code === DOT) state = NUMBER_POINT;
          else if (code === LOWER_E || code === UPPER_E) state = NUMBER_EXPONENT;
          else if (isDigit) this.fail(unexpectedCharacter(code), this.offset + i, 'numbers must not have leading zeros');
          else return this.finishNumber(chunk, start, i);
          break;
        case NUMBER_SIGN:
          if (!isDigit) this.fail(unexpectedCharacter(chunk.codePointAt(i) ?? code), this.offset + i, 'expected a digit');
          state = code === DIGIT_0 ? NUMBER_ZERO : NUMBER_INTEGER;
          break;
        case NUMBER_EXPONENT:
          if (code === PLUS || code === MINUS) state = NUMBER_EXPONENT_SIGN;
          else if (isDigit) state = NUMBER_EXPONENT_DIGITS;
          else this.fail(unexpectedCharacter(chunk.codePointAt(i) ?? code), this.offset + i, 'expected a digit or a sign');
          break;
        default: // NUMBER_POINT, NUMBER_EXPONENT_SIGN
          if (!isDigit) this.fail(unexpectedCharacter(chunk.codePointAt(i) ?? code), this.offset + i, 'expected a digit');
          state = state === NUMBER_POINT ? NUMBER_FRACTION : NUMBER_EXPONENT_DIGITS;
      }
      i++;
    }
    this.numberState = state;
    this.checkNumberLength(this.offset + length);
    if (this.capture) this.text += chunk.slice(start, length);
    return length;
  }

  private finishNumber(chunk: string, start: number, end: number): number {
    this.checkNumberLength(this.offset + end);
    // Number() accepts exactly what the JSON grammar above let through and rounds like JSON.parse.
    const value = this.capture ? Number(this.text + chunk.slice(start, end)) : undefined;
    this.text = '';
    this.inToken = IN_NOTHING;
    this.handler.scalarEnd(value, this.offset + end);
    return end;
  }

  private checkNumberLength(end: number): void {
    if (end - this.tokenStart > this.maxStringLength) this.failTooLong('Number');
  }

  private startLiteral(chunk: string, i: number, literal: string, value: boolean | null): number {
    this.startToken(IN_LITERAL, chunk.charCodeAt(i), i);
    this.literal = literal;
    this.literalValue = value;
    this.literalMatched = 1;
    return this.readLiteral(chunk, i + 1);
  }

  private readLiteral(chunk: string, i: number): number {
    const literal = this.literal;
    const length = chunk.length;
    while (i < length) {
      if (chunk.charCodeAt(i) !== literal.charCodeAt(this.literalMatched)) {
        this.fail(unexpectedCharacter(chunk.codePointAt(i) ?? 0), this.offset + i, `expected "${literal}"`);
      }
      i++;
      if (++this.literalMatched === literal.length) {
        this.inToken = IN_NOTHING;
        this.handler.scalarEnd(this.literalValue, this.offset + i);
        return i;
      }
    }
    return i;
  }

  private failTooLong(what: 'String' | 'Number'): never {
    throw new JsonStreamError({
      kind: 'size',
      problem: `${what} longer than ${this.maxStringLength} characters`,
      line: this.line,
      column: this.columnAt(this.tokenStart),
      pointer: this.handler.pointer(),
    });
  }

  private fail(problem: string, at: number, detail?: string): never {
    throw new JsonStreamError({ kind: 'syntax', problem, line: this.line, column: this.columnAt(at), pointer: this.handler.pointer(), detail });
  }
}

function isCompleteNumber(state: number): boolean {
  return state === NUMBER_ZERO || state === NUMBER_INTEGER || state === NUMBER_FRACTION || state === NUMBER_EXPONENT_DIGITS;
}

function hexDigitValue(code: number): number {
  if (code >= DIGIT_0 && code <= DIGIT_9) return code - DIGIT_0;
  const lower = code | 0x20; // folds A–F onto a–f
  if (lower >= 0x61 && lower <= LOWER_F) return lower - 0x61 + 10;
  return -1;
}
