/**
 * Streaming JSON reader for large untrusted uploads (SARIF logs, arrays of findings): reads with bounded memory,
 * materialises only the values a caller selects, and locates every refusal by line, column and JSON pointer.
 */
export { toJsonPointer, type JsonPath } from './json-pointer';
export { JsonStreamError, type JsonStreamErrorKind } from './json-stream-error';
export { DEFAULT_MAX_DEPTH, DEFAULT_MAX_STRING_LENGTH, type JsonStreamOptions } from './json-stream-options';
export { parseJsonText } from './parse-json-text';
export { selectJsonValues } from './select-json-values';
export type { SelectedValue, Selection, SelectValues } from './selection';
