import { RE2JS } from 're2js';

/**
 * Path globs for component match rules:
 * - `*` any characters within one path segment, `?` one character other than `/`;
 * - `**` as a whole segment: any number of segments (`src/**` is everything under `src`, `**\/*.tf`
 *   any `.tf` file); elsewhere it acts as `*`;
 * - `{a,b}` alternatives, which may nest and contain the other forms;
 * - `[abc]`, `[a-z]`, `[!abc]` (or `[^abc]`) one character of (or not of) a set, never `/`;
 * - `\` makes the next character literal.
 * A pattern matches the whole path, never a part of it.
 *
 * Patterns come from uploaded files, so matching must take time linear in the path whatever the
 * pattern. JavaScript's regular expressions backtrack: `**\/` repeated 40 times, or `*a*a*a*a*b`,
 * takes minutes on one path, and the usual glob packages (picomatch, minimatch) compile to exactly
 * such expressions (picomatch 4 needs 11 s for `*a*a*a*a*b` against 200 characters). Bounding the
 * pattern does not help them: picomatch 4.0.7 takes 6 s for `*a*a*a*a*a*a*b` (7 wildcards of the 32
 * allowed) against 60 characters. The pattern is
 * therefore translated to RE2 syntax and run by RE2JS, whose automaton guarantees linear time; the
 * translation is the only part written here. Patterns are also bounded in length and wildcards
 * (GlobLimits), so that compiling one stays cheap.
 */
export class GlobSyntaxError extends Error {
  override readonly name = 'GlobSyntaxError';
}

export interface GlobLimits {
  /** Longest pattern, in characters. */
  maxLength: number;
  /** Most wildcards (`*` runs, `?`, `[...]`, `{`) in one pattern. */
  maxWildcards: number;
}

export const DEFAULT_GLOB_LIMITS: Readonly<GlobLimits> = { maxLength: 256, maxWildcards: 32 };

/** A compiled pattern: `test` takes time linear in the text. */
export interface GlobMatcher {
  test(text: string): boolean;
}

export function compileGlob(pattern: string, options: { ignoreCase?: boolean; limits?: GlobLimits } = {}): GlobMatcher {
  const normalised = normaliseGlob(pattern);
  checkGlobSize(pattern, normalised, options.limits ?? DEFAULT_GLOB_LIMITS);
  const source = globSource(normalised);
  // DOTALL: a path with a line break in it is still one path to `**`.
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(source, RE2JS.DOTALL | (options.ignoreCase ? RE2JS.CASE_INSENSITIVE : 0));
  } catch (error) {
    // The translation is always valid RE2; what the engine can still refuse (a lone UTF-16 surrogate, say) is the pattern's fault.
    throw new GlobSyntaxError(`${JSON.stringify(pattern)} cannot be compiled: ${error instanceof Error ? error.message : String(error)}`);
  }
  // Most rules start with a literal directory: a path that does not start with it is refused without
  // running the automaton, which makes a model of a thousand `src/<module>/**` components cheap to apply.
  // (Case-insensitive patterns skip this: case folding is the engine's to decide.)
  const prefix = options.ignoreCase ? '' : literalPrefix(normalised);
  if (prefix === '') return { test: (text) => compiled.matches(text) };
  return { test: (text) => text.startsWith(prefix) && compiled.matches(text) };
}

/** The reason a pattern cannot be compiled (or is over the limits), or null when it can. */
export function globProblem(pattern: string, limits: GlobLimits = DEFAULT_GLOB_LIMITS): string | null {
  try {
    compileGlob(pattern, { limits });
    return null;
  } catch (error) {
    if (error instanceof GlobSyntaxError) return error.message;
    throw error;
  }
}

/** Whether a text has glob syntax at all, so an exact value can be compared as it is. */
export function hasGlobSyntax(text: string): boolean {
  return /[*?[{\\]/.test(text);
}

/**
 * Repository-relative and with forward slashes: scanners write `./src/a.ts`, `src\a.ts` and `/src/a.ts`
 * for the same file.
 */
export function normalisePath(path: string): string {
  return stripRoot(path.replace(/\\/g, '/').replace(/\/{2,}/g, '/'));
}

/** As paths are, except that a backslash in a pattern is an escape, not a separator. */
export function normaliseGlob(pattern: string): string {
  return stripRoot(pattern.trim().replace(/\/{2,}/g, '/'));
}

function stripRoot(path: string): string {
  return path.replace(/^(?:\.\/|\/)+/, '');
}

/** The characters every match must start with: the pattern up to its first special character. */
function literalPrefix(pattern: string): string {
  const special = pattern.search(/[*?[{\\]/);
  return special === -1 ? pattern : pattern.slice(0, special);
}

function checkGlobSize(original: string, pattern: string, limits: GlobLimits): void {
  const shown = original.length > 60 ? `${JSON.stringify(original.slice(0, 60))}…` : JSON.stringify(original);
  if (pattern.length > limits.maxLength) throw new GlobSyntaxError(`${shown} is ${pattern.length} characters long; a pattern may have at most ${limits.maxLength}`);
  // Repeated "**/" segments are read as one (see globSource), so they count as one.
  const wildcards = pattern.replace(/(?:^|(?<=\/))(?:\*\*\/)+/g, '**/').match(/\*+|[?[{]/g)?.length ?? 0;
  if (wildcards > limits.maxWildcards) throw new GlobSyntaxError(`${shown} has ${wildcards} wildcards; a pattern may have at most ${limits.maxWildcards}`);
}

const RE2_SPECIAL = /[.*+?^${}()|[\]\\]/g;

function escapeRe2(text: string): string {
  return text.replace(RE2_SPECIAL, '\\$&');
}

const ANY_SEGMENTS = '(?:.*/)?';

function globSource(pattern: string): string {
  let source = '';
  let depth = 0;
  let i = 0;
  const atSegmentStart = (at: number) => at === 0 || pattern[at - 1] === '/' || (depth > 0 && (pattern[at - 1] === '{' || pattern[at - 1] === ','));
  const atSegmentEnd = (at: number) => at === pattern.length || pattern[at] === '/' || (depth > 0 && (pattern[at] === ',' || pattern[at] === '}'));

  while (i < pattern.length) {
    const char = pattern[i];
    if (char === '\\') {
      if (i + 1 === pattern.length) throw new GlobSyntaxError(`"${pattern}" ends with a lone "\\"`);
      source += escapeRe2(pattern[i + 1]);
      i += 2;
    } else if (char === '*') {
      let end = i;
      while (pattern[end] === '*') end++;
      const globstar = end - i >= 2 && atSegmentStart(i) && atSegmentEnd(end);
      if (globstar && pattern[end] === '/') {
        // `**/**/` means what `**/` does: one group, however many the pattern repeats.
        if (!source.endsWith(ANY_SEGMENTS)) source += ANY_SEGMENTS;
        end++;
      } else {
        source += globstar ? '.*' : '[^/]*';
      }
      i = end;
    } else if (char === '?') {
      source += '[^/]';
      i++;
    } else if (char === '[') {
      const [cls, next] = characterClass(pattern, i);
      source += cls;
      i = next;
    } else if (char === '{') {
      source += '(?:';
      depth++;
      i++;
    } else if (char === ',' && depth > 0) {
      source += '|';
      i++;
    } else if (char === '}' && depth > 0) {
      source += ')';
      depth--;
      i++;
    } else {
      source += escapeRe2(char);
      i++;
    }
  }
  if (depth > 0) throw new GlobSyntaxError(`"${pattern}" opens a "{" it does not close`);
  return source;
}

const SLASH = 0x2f;

/** `[...]` starting at `start`: its RE2 class (never matching `/`) and the index after its `]`. */
function characterClass(pattern: string, start: number): [string, number] {
  let i = start + 1;
  const negated = pattern[i] === '!' || pattern[i] === '^';
  if (negated) i++;
  const ranges: Array<[number, number]> = [];
  let first = true;
  // A "]" right after the opening (or its negation) is a member, as in POSIX.
  while (i < pattern.length && (pattern[i] !== ']' || first)) {
    first = false;
    let low: number;
    [low, i] = classChar(pattern, i);
    let high = low;
    if (pattern[i] === '-' && i + 1 < pattern.length && pattern[i + 1] !== ']') {
      [high, i] = classChar(pattern, i + 1);
      if (high < low) throw new GlobSyntaxError(`"${pattern}" has an invalid "[...]" range`);
    }
    ranges.push([low, high]);
  }
  if (i >= pattern.length) throw new GlobSyntaxError(`"${pattern}" opens a "[" it does not close`);
  // Never "/": a set stays within one segment, so "/" is taken out of every range.
  const members = ranges.flatMap(([low, high]): Array<[number, number]> => {
    if (low > SLASH || high < SLASH) return [[low, high]];
    return [...(low < SLASH ? [[low, SLASH - 1] as [number, number]] : []), ...(high > SLASH ? [[SLASH + 1, high] as [number, number]] : [])];
  });
  const body = members.map(([low, high]) => (low === high ? classEscape(low) : `${classEscape(low)}-${classEscape(high)}`)).join('');
  if (negated) return [`[^/${body}]`, i + 1];
  // Only "[/]" gets here empty: a set of nothing but "/" matches nothing.
  return [body === '' ? '[^\\x{0}-\\x{10FFFF}]' : `[${body}]`, i + 1];
}

/** One member character of a class (a `\` escapes the next), as a code point, and the index after it. */
function classChar(pattern: string, at: number): [number, number] {
  const escaped = pattern[at] === '\\' && at + 1 < pattern.length;
  const index = escaped ? at + 1 : at;
  const code = pattern.codePointAt(index)!;
  return [code, index + (code > 0xffff ? 2 : 1)];
}

function classEscape(code: number): string {
  return `\\x{${code.toString(16)}}`;
}
