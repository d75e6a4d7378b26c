import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { InputError, type InputProblem } from '../ingest/parsed-finding';
import type { ProblemList } from '../ingest/problem-list';
import { jsonSyntaxErrorOffset } from './json-syntax-error';

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
export interface SourceText {
  syntax: SourceSyntax;
  root: unknown;
  /** 1-based position of what the pointer names: a member's key, an item, or the nearest ancestor that exists. */
  locate(pointer: string): TextPosition | null;
}

/** YAML anchors can expand exponentially; a threat model needs few. */
const MAX_ALIAS_COUNT = 100;

/**
 * JSON when the text starts like JSON (or the file is named `.json`), otherwise YAML. JSON goes through
 * `JSON.parse`, because YAML would also accept what JSON forbids (comments, trailing commas).
 */
export function readSourceText(text: string, fileName?: string): SourceText {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const start = body.trimStart();
  const json = start.startsWith('{') || start.startsWith('[') || (start !== '' && /\.json$/i.test(fileName ?? ''));
  return json ? readJson(body) : readYaml(body);
}

/** Adds line and column to every collected problem, then throws if there are any. */
export function throwLocatedIfAny(problems: ProblemList, source: SourceText, inputName: string): void {
  if (problems.count === 0) return;
  for (const problem of problems.items) {
    if (problem.pointer === undefined || problem.line !== undefined) continue;
    const position = source.locate(problem.pointer);
    if (position !== null) Object.assign(problem, position);
  }
  problems.throwIfAny(inputName);
}

function readJson(text: string): SourceText {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const problem: InputProblem = { message: `is not valid JSON: ${message}`, ...jsonErrorPosition(text, message) };
    throw new InputError(`The threat model is not valid JSON: ${message}`, [problem]);
  }
  // Positions are only needed once something is wrong, so the second parse waits until then.
  let located: ((pointer: string) => TextPosition | null) | undefined;
  return {
    syntax: 'json',
    root,
    locate(pointer) {
      located ??= locator(text);
      return located(pointer);
    },
  };
}

function readYaml(text: string): SourceText {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((error) => ({ message: error.message, ...position(lineCounter, error.pos[0]) }));
    const first = problems[0];
    throw new InputError(`The threat model is not valid YAML: ${first.message} (line ${first.line}, column ${first.column})`, problems);
  }
  let root: unknown;
  try {
    root = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new InputError(`The threat model could not be read: ${message}`, [{ message, line: 1, column: 1 }]);
  }
  return { syntax: 'yaml', root: root ?? null, locate: (pointer) => locateIn(doc, lineCounter, pointer) };
}

function locator(text: string): (pointer: string) => TextPosition | null {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  return (pointer) => locateIn(doc, lineCounter, pointer);
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
  const offset = scanned ?? (at ? Number(at[1]) : text.length);
  const before = text.slice(0, offset).split(/\r\n|\r|\n/);
  return { line: before.length, column: before[before.length - 1].length + 1 };
}
