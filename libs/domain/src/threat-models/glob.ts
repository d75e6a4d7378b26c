/**
 * Path globs for component match rules, written here rather than taken from a package because the
 * domain library also runs in the browser and needs only this subset:
 * - `*` any characters within one path segment, `?` one character other than `/`;
 * - `**` as a whole segment: any number of segments (`src/**` is everything under `src`, `**\/*.tf`
 *   any `.tf` file); elsewhere it acts as `*`;
 * - `{a,b}` alternatives, which may nest and contain the other forms;
 * - `[abc]`, `[a-z]`, `[!abc]` (or `[^abc]`) one character of (or not of) a set, never `/`;
 * - `\` makes the next character literal.
 * A pattern matches the whole path, never a part of it.
 */
export class GlobSyntaxError extends Error {
  override readonly name = 'GlobSyntaxError';
}

export function compileGlob(pattern: string, options: { ignoreCase?: boolean } = {}): RegExp {
  const source = globSource(normaliseGlob(pattern));
  try {
    return new RegExp(`^${source}$`, options.ignoreCase ? 'i' : '');
  } catch {
    // Only a character class can get here, with a reversed range such as "[z-a]".
    throw new GlobSyntaxError(`"${pattern}" has an invalid "[...]" range`);
  }
}

/** The reason a pattern cannot be compiled, or null when it can. */
export function globProblem(pattern: string): string | null {
  try {
    compileGlob(pattern);
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

const REGEX_SPECIAL = /[.*+?^${}()|[\]\\/]/g;

function escapeRegex(text: string): string {
  return text.replace(REGEX_SPECIAL, '\\$&');
}

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
      source += escapeRegex(pattern[i + 1]);
      i += 2;
    } else if (char === '*') {
      let end = i;
      while (pattern[end] === '*') end++;
      const globstar = end - i >= 2 && atSegmentStart(i) && atSegmentEnd(end);
      if (globstar && pattern[end] === '/') {
        source += '(?:.*/)?';
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
      source += escapeRegex(char);
      i++;
    }
  }
  if (depth > 0) throw new GlobSyntaxError(`"${pattern}" opens a "{" it does not close`);
  return source;
}

/** `[...]` starting at `start`: its regex and the index after its `]`. */
function characterClass(pattern: string, start: number): [string, number] {
  let i = start + 1;
  const negated = pattern[i] === '!' || pattern[i] === '^';
  if (negated) i++;
  let body = '';
  // A "]" right after the opening (or its negation) is a member, as in POSIX.
  if (pattern[i] === ']') {
    body += '\\]';
    i++;
  }
  while (i < pattern.length && pattern[i] !== ']') {
    const char = pattern[i];
    if (char === '\\' && i + 1 < pattern.length) {
      body += pattern[i + 1] === '-' ? '\\-' : escapeRegex(pattern[i + 1]);
      i += 2;
    } else {
      body += char === '-' ? '-' : escapeRegex(char);
      i++;
    }
  }
  if (i >= pattern.length) throw new GlobSyntaxError(`"${pattern}" opens a "[" it does not close`);
  if (body === '') throw new GlobSyntaxError(`"${pattern}" has an empty "[]"`);
  return [negated ? `[^/${body}]` : `(?!/)[${body}]`, i + 1];
}
