import { toJsonPointer, type JsonPath } from '@escapement/domain';
import { JsonStreamError, unexpectedCharacter, type JsonStreamErrorKind } from './json-stream-error';
import type { JsonStreamLimits } from './json-stream-options';
import { JsonTokenizer, type JsonTokenHandler, type ScalarValue } from './json-tokenizer';
import type { SelectedValue, SelectValues } from './selection';
import { ValueBuilder } from './value-builder';

const QUOTE = 0x22;
const COLON = 0x3a;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

// What the grammar allows next.
const EXPECT_VALUE = 0; // at the root, after ':' and after ',' in an array
const EXPECT_VALUE_OR_CLOSE = 1; // just after '['
const EXPECT_KEY_OR_CLOSE = 2; // just after '{'
const EXPECT_KEY = 3; // after ',' in an object
const EXPECT_COLON = 4;
const EXPECT_COMMA_OR_CLOSE = 5;
const EXPECT_END = 6; // the root value is complete

// How a value is being read; children of a taken or skipped container inherit its mode.
const DESCEND = 0;
const TAKE = 1;
const SKIP = 2;

const NO_PATH: JsonPath = Object.freeze([]);

/**
 * The grammar on top of the tokenizer: tracks the path of the value being read, asks `select` about each value
 * whose parent is being descended into, builds taken values and queues them as soon as they are complete.
 * No recursion: open containers live in parallel arrays indexed by depth.
 */
export class JsonSelectionParser implements JsonTokenHandler {
  private readonly tokenizer: JsonTokenizer;
  private readonly builder = new ValueBuilder();
  /** Keys and indexes down to the value being read; a container's entry exists from its key (or index) until its value ends. */
  private readonly path: (string | number)[] = [];
  private readonly containerIsObject: boolean[] = [];
  private readonly containerMode: number[] = [];
  /** For arrays: index of the current element. */
  private readonly containerIndex: number[] = [];
  private depth = 0;
  private expect = EXPECT_VALUE;
  private readingKey = false;
  private scalarMode = SKIP;
  /** Depth at which the value being taken started; -1 while none is. */
  private takenDepth = -1;
  private takenPath = NO_PATH;
  private takenStart = 0;
  private takenLine = 0;
  private takenColumn = 0;
  private ready: SelectedValue[] = [];

  constructor(
    private readonly select: SelectValues,
    private readonly limits: JsonStreamLimits,
  ) {
    this.tokenizer = new JsonTokenizer(this, limits.maxStringLength);
  }

  write(text: string): void {
    this.tokenizer.write(text);
    // Checked per chunk so that an oversized value is refused before it is fully built.
    if (this.takenDepth >= 0 && this.tokenizer.position - this.takenStart > this.limits.maxTakenValueBytes) this.failTakenTooLarge();
  }

  end(): void {
    this.tokenizer.end();
  }

  /** Values completed since the last call, in document order; the parser keeps no reference to them. */
  takeReady(): SelectedValue[] {
    const ready = this.ready;
    if (ready.length > 0) this.ready = [];
    return ready;
  }

  punctuation(code: number, at: number): void {
    switch (code) {
      case OPEN_BRACE:
      case OPEN_BRACKET:
        return this.openContainer(code, at);
      case CLOSE_BRACE:
      case CLOSE_BRACKET:
        return this.closeContainer(code, at);
      case COLON:
        if (this.expect !== EXPECT_COLON) this.unexpected(code, at);
        this.expect = EXPECT_VALUE;
        return;
      default: {
        // ','
        if (this.expect !== EXPECT_COMMA_OR_CLOSE) this.unexpected(code, at);
        const top = this.depth - 1;
        if (this.containerIsObject[top]) {
          this.expect = EXPECT_KEY;
        } else {
          this.path.push(++this.containerIndex[top]);
          this.expect = EXPECT_VALUE;
        }
      }
    }
  }

  scalarStart(code: number, at: number): boolean {
    if (code === QUOTE && (this.expect === EXPECT_KEY || this.expect === EXPECT_KEY_OR_CLOSE)) {
      this.readingKey = true;
      return true;
    }
    this.scalarMode = this.beginValue(code, at, false);
    return this.scalarMode === TAKE;
  }

  scalarEnd(value: ScalarValue, end: number): void {
    if (this.readingKey) {
      this.readingKey = false;
      this.path.push(value as string);
      this.expect = EXPECT_COLON;
    } else {
      this.endValue(value, this.scalarMode, end);
    }
  }

  unexpected(codePoint: number, at: number): never {
    this.fail('syntax', unexpectedCharacter(codePoint), at, this.expectation(codePoint));
  }

  endOfInput(at: number): void {
    if (this.expect !== EXPECT_END) this.fail('syntax', 'Unexpected end of input', at, this.expectation(-1));
  }

  pointer(): string {
    return toJsonPointer(this.path);
  }

  private openContainer(code: number, at: number): void {
    const isObject = code === OPEN_BRACE;
    const mode = this.beginValue(code, at, true);
    const slot = this.depth++;
    this.containerIsObject[slot] = isObject;
    this.containerMode[slot] = mode;
    this.containerIndex[slot] = 0;
    if (mode === TAKE) this.builder.openContainer(isObject);
    this.expect = isObject ? EXPECT_KEY_OR_CLOSE : EXPECT_VALUE_OR_CLOSE;
  }

  private closeContainer(code: number, at: number): void {
    const top = this.depth - 1;
    const isObject = code === CLOSE_BRACE;
    const justOpened = isObject ? EXPECT_KEY_OR_CLOSE : EXPECT_VALUE_OR_CLOSE;
    if (top < 0 || this.containerIsObject[top] !== isObject || (this.expect !== EXPECT_COMMA_OR_CLOSE && this.expect !== justOpened)) {
      this.unexpected(code, at);
    }
    this.depth = top;
    const mode = this.containerMode[top];
    this.endValue(mode === TAKE ? this.builder.closeContainer() : undefined, mode, at + 1);
  }

  /** A value starts where one is allowed: settles its path and decides how to read it. */
  private beginValue(code: number, at: number, opensContainer: boolean): number {
    if (this.expect === EXPECT_VALUE_OR_CLOSE) this.path.push(0);
    else if (this.expect !== EXPECT_VALUE) this.unexpected(code, at);
    if (opensContainer && this.depth >= this.limits.maxDepth) {
      this.fail('depth', `Nesting deeper than ${this.limits.maxDepth} levels`, at);
    }
    const parentMode = this.depth === 0 ? DESCEND : this.containerMode[this.depth - 1];
    if (parentMode !== DESCEND) return parentMode;

    // Frozen: the same array is handed to `select` and to the consumer, neither may change it under the other.
    const path = Object.freeze(this.path.slice());
    const selection = this.select(path);
    if (selection === 'take') {
      this.takenDepth = this.depth;
      this.takenPath = path;
      this.takenStart = at;
      this.takenLine = this.tokenizer.currentLine();
      this.takenColumn = this.tokenizer.columnAt(at);
      return TAKE;
    }
    if (selection === 'descend') return opensContainer ? DESCEND : SKIP;
    if (selection === 'skip') return SKIP;
    throw new TypeError(`select must return 'take', 'skip' or 'descend', got ${String(selection)}`);
  }

  private endValue(value: unknown, mode: number, end: number): void {
    if (mode === TAKE) {
      if (this.takenDepth === this.depth) this.emitTaken(value, end);
      else this.builder.add(this.path[this.path.length - 1], value);
    }
    if (this.depth === 0) {
      this.expect = EXPECT_END;
    } else {
      this.path.pop();
      this.expect = EXPECT_COMMA_OR_CLOSE;
    }
  }

  private emitTaken(value: unknown, end: number): void {
    if (end - this.takenStart > this.limits.maxTakenValueBytes) this.failTakenTooLarge();
    const path = this.takenPath;
    this.ready.push({ path, pointer: toJsonPointer(path), value, line: this.takenLine, column: this.takenColumn });
    this.takenDepth = -1;
    this.takenPath = NO_PATH;
  }

  private expectation(code: number): string {
    const inObject = this.depth > 0 && this.containerIsObject[this.depth - 1];
    switch (this.expect) {
      case EXPECT_VALUE:
        return code === CLOSE_BRACKET && this.depth > 0 && !inObject ? 'expected a value (trailing commas are not allowed)' : 'expected a value';
      case EXPECT_VALUE_OR_CLOSE:
        return "expected a value or ']'";
      case EXPECT_KEY_OR_CLOSE:
        return "expected a string key or '}'";
      case EXPECT_KEY:
        return code === CLOSE_BRACE ? 'expected a string key (trailing commas are not allowed)' : 'expected a string key';
      case EXPECT_COLON:
        return "expected ':'";
      case EXPECT_COMMA_OR_CLOSE:
        return inObject ? "expected ',' or '}'" : "expected ',' or ']'";
      default:
        return 'expected the end of input';
    }
  }

  private failTakenTooLarge(): never {
    throw new JsonStreamError({
      kind: 'size',
      problem: `Value longer than ${this.limits.maxTakenValueBytes} characters`,
      line: this.takenLine,
      column: this.takenColumn,
      pointer: toJsonPointer(this.takenPath),
      detail: 'larger than maxTakenValueBytes',
    });
  }

  private fail(kind: JsonStreamErrorKind, problem: string, at: number, detail?: string): never {
    throw new JsonStreamError({
      kind,
      problem,
      line: this.tokenizer.currentLine(),
      column: this.tokenizer.columnAt(at),
      pointer: toJsonPointer(this.path),
      detail,
    });
  }
}
