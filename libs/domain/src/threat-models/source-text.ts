import { isAlias, isMap, isScalar, isSeq, Lexer, LineCounter, parseDocument, type Document } from 'yaml';
import { InputError, type InputProblem } from '../ingest/parsed-finding';
import type { ProblemList } from '../ingest/problem-list';
import type { GlobLimits } from './glob';
import { locateJsonPointers } from './json-locator';
import { jsonSyntaxErrorOffset } from './json-syntax-error';
import { mendQuotedScalarIndentation } from './quoted-scalar-indentation';
import { jsonTooDeepAt } from '../ingest/json-nesting';

export type SourceSyntax = 'json' | 'yaml';

export interface TextPosition {
  line: number;
  column: number;
}

/**
 * A threat-model file read into plain values, still able to say where in the text a value came from:
 * problems are found on the values (by JSON pointer) and reported with the line and column a person
 * needs to fix them.
 */
/** What a threat-model file may ask of the server; the API sets them from its configuration. */
export interface ThreatModelLimits {
  /** Deepest nesting of arrays and objects (JSON) or collections (YAML); the root container is depth 1. */
  maxDepth: number;
  /** Length and wildcards of one path or repository glob. */
  glob: GlobLimits;
  /** Match rules (repos, paths and services together) of one component. */
  maxRulesPerComponent: number;
  /** Components of one model: linking tries each against every finding of the model's service. */
  maxComponents: number;
}

export interface SourceText {
  syntax: SourceSyntax;
  root: unknown;
  /** The limits the file was read with, for the parsers to apply to what they read. */
  limits: ThreatModelLimits;
  /** 1-based position of what the pointer names: a member's key, an item, or the nearest ancestor that exists. */
  locate(pointer: string): TextPosition | null;
  /** The same for many pointers at once, reading the text once. */
  locateAll(pointers: readonly string[]): Array<TextPosition | null>;
}

/** Merge keys (`<<: *base`) are YAML 1.1, but Threagile's own examples and other hand-written models use them. */
const YAML_OPTIONS = { prettyErrors: false, uniqueKeys: true, merge: true } as const;

/** YAML anchors can expand exponentially; a threat model needs few. */
const MAX_ALIAS_COUNT = 100;

/**
 * JSON when the text starts like JSON (or the file is named `.json`), otherwise YAML. JSON goes through
 * `JSON.parse`, because YAML would also accept what JSON forbids (comments, trailing commas).
 */
export function readSourceText(text: string, fileName: string | undefined, limits: ThreatModelLimits): SourceText {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const start = body.trimStart();
  const json = start.startsWith('{') || start.startsWith('[') || (start !== '' && /\.json$/i.test(fileName ?? ''));
  return json ? readJson(body, limits) : readYaml(body, limits);
}

/** Adds line and column to every collected problem, then throws if there are any. */
export function throwLocatedIfAny(problems: ProblemList, source: SourceText, inputName: string): void {
  if (problems.count === 0) return;
  const unplaced = problems.items.filter((problem) => problem.pointer !== undefined && problem.line === undefined);
  source.locateAll(unplaced.map((problem) => problem.pointer!)).forEach((position, index) => {
    if (position !== null) Object.assign(unplaced[index], position);
  });
  problems.throwIfAny(inputName);
}

function readJson(text: string, limits: ThreatModelLimits): SourceText {
  // Before parsing: deep nesting costs the parser, and everything that walks its result, far more than its size.
  const tooDeep = jsonTooDeepAt(text, limits.maxDepth);
  if (tooDeep >= 0) throw tooDeepError(limits.maxDepth, offsetPosition(text, tooDeep));
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const problem: InputProblem = { message: `is not valid JSON: ${message}`, ...jsonErrorPosition(text, message) };
    throw new InputError(`The threat model is not valid JSON: ${message}`, [problem]);
  }
  // Positions are only needed once something is wrong: then one scan of the text finds them all.
  const locateAll = (pointers: readonly string[]) => offsetPositions(text, locateJsonPointers(text, pointers));
  return { syntax: 'json', root, limits, locate: (pointer) => locateAll([pointer])[0], locateAll };
}

function readYaml(text: string, limits: ThreatModelLimits): SourceText {
  const flowTooDeep = yamlFlowTooDeepAt(text, limits.maxDepth);
  if (flowTooDeep >= 0) throw tooDeepError(limits.maxDepth, offsetPosition(text, flowTooDeep));
  let lineCounter = new LineCounter();
  let doc = parseDocument(text, { lineCounter, ...YAML_OPTIONS });
  const mended = doc.errors.length > 0 ? mendQuotedScalarIndentation(text) : null;
  if (mended !== null) {
    // Only a file that fails as written is read mended, and only if mending is all it needed.
    const mendedCounter = new LineCounter();
    const mendedDoc = parseDocument(mended, { lineCounter: mendedCounter, ...YAML_OPTIONS });
    if (mendedDoc.errors.length === 0) [doc, lineCounter] = [mendedDoc, mendedCounter];
  }
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((error) => ({ message: error.message, ...position(lineCounter, error.pos[0]) }));
    const first = problems[0];
    throw new InputError(`The threat model is not valid YAML: ${first.message} (line ${first.line}, column ${first.column})`, problems);
  }
  const blockTooDeep = yamlTooDeepAt(doc, limits.maxDepth);
  if (blockTooDeep !== null) throw tooDeepError(limits.maxDepth, position(lineCounter, blockTooDeep));
  let root: unknown;
  try {
    root = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new InputError(`The threat model could not be read: ${message}`, [{ message, line: 1, column: 1 }]);
  }
  const locate = (pointer: string) => locateIn(doc, lineCounter, pointer);
  return { syntax: 'yaml', root: root ?? null, limits, locate, locateAll: (pointers) => pointers.map(locate) };
}

function locateIn(doc: Document, lineCounter: LineCounter, pointer: string): TextPosition | null {
  const tokens = pointer === '' ? [] : pointer.slice(1).split('/').map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
  let node: unknown = doc.contents;
  let offset = rangeStart(node);
  for (const token of tokens) {
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === token);
      if (pair === undefined) break;
      // A member is reported at its key: that is where a person looks for it, even for a long block value.
      offset = rangeStart(pair.key) ?? offset;
      node = pair.value;
    } else if (isSeq(node)) {
      const item: unknown = node.items[Number(token)];
      if (item === undefined || !/^\d+$/.test(token)) break;
      offset = rangeStart(item) ?? offset;
      node = item;
    } else {
      break;
    }
  }
  return offset === null ? null : position(lineCounter, offset);
}

function rangeStart(node: unknown): number | null {
  if (typeof node !== 'object' || node === null || !('range' in node)) return null;
  const range = (node as { range?: readonly number[] | null }).range;
  return range?.[0] ?? null;
}

function position(lineCounter: LineCounter, offset: number): TextPosition {
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

/** Found by scanning, since engines word JSON errors differently and often give no place at all. */
function jsonErrorPosition(text: string, message: string): TextPosition {
  const scanned = jsonSyntaxErrorOffset(text);
  const at = /position (\d+)/.exec(message);
  return offsetPosition(text, scanned ?? (at ? Number(at[1]) : text.length));
}

/** 1-based line and column of an offset, in one pass and without copying the text. */
function offsetPosition(text: string, offset: number): TextPosition {
  return offsetPositions(text, [offset])[0]!;
}

/** Line and column of many offsets (null stays null), in one pass over the text. */
function offsetPositions(text: string, offsets: ReadonlyArray<number | null>): Array<TextPosition | null> {
  const order = offsets.map((offset, index) => [offset, index] as const).filter((entry): entry is readonly [number, number] => entry[0] !== null);
  order.sort((a, b) => a[0] - b[0]);
  const positions: Array<TextPosition | null> = offsets.map(() => null);
  let line = 1;
  let lineStart = 0;
  let i = 0;
  for (const [offset, index] of order) {
    for (; i < offset && i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
        line++;
        lineStart = i + 1;
      }
    }
    positions[index] = { line, column: offset - lineStart + 1 };
  }
  return positions;
}

function tooDeepError(maxDepth: number, at: TextPosition): InputError {
  const message = `nests arrays and objects deeper than ${maxDepth} levels, more than any threat model needs`;
  return new InputError(`The threat model ${message} (line ${at.line}, column ${at.column})`, [{ message, ...at }]);
}

/**
 * The same for YAML's flow collections (`[[[...`), found by the YAML lexer before anything is built:
 * it tells a flow indicator from the same character inside a scalar.
 */
function yamlFlowTooDeepAt(text: string, maxDepth: number): number {
  let depth = 0;
  let offset = 0;
  for (const token of new Lexer().lex(text)) {
    if (token === '[' || token === '{') {
      if (++depth > maxDepth) return offset;
    } else if (token === ']' || token === '}') {
      depth--;
    }
    // The lexer's three control tokens (document start, flow end, scalar next) are not in the text; the others are, whole.
    if (!YAML_CONTROL_TOKENS.has(token)) offset += token.length;
  }
  return -1;
}

const YAML_CONTROL_TOKENS = new Set(['\x02', '\x18', '\x1f']);

/** Start offset of the first collection nested deeper than `maxDepth` in block style; null when none is. */
function yamlTooDeepAt(doc: Document, maxDepth: number): number | null {
  const stack: Array<[unknown, number]> = [[doc.contents, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (!isMap(node) && !isSeq(node)) continue;
    if (depth > maxDepth) return rangeStart(node) ?? 0;
    for (const item of node.items) {
      if (isMap(node)) {
        const pair = item as { key: unknown; value: unknown };
        stack.push([pair.key, depth + 1], [pair.value, depth + 1]);
      } else {
        stack.push([item, depth + 1]);
      }
    }
  }
  return null;
}
