/**
 * Deepest nesting of arrays and objects accepted in any JSON (or YAML) Escapement reads — request
 * bodies, uploads, threat models. SARIF needs about a dozen levels; deeper input is only ever an attack
 * on code that walks values recursively. The root container is depth 1.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * Offset of the first `[` or `{` (outside strings) that opens level `maxDepth + 1`; -1 when none does.
 * One scan of the text, before anything is parsed, so that a deep document costs no memory.
 */
export function jsonTooDeepAt(text: string, maxDepth: number): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > maxDepth) return i;
    } else if (c === 93 || c === 125) depth--;
  }
  return -1;
}
