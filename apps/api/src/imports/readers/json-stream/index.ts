/**
 * Streaming JSON reader for large untrusted uploads (SARIF logs, arrays of findings): reads with bounded memory,
 * materialises only the values a caller selects, and locates every refusal by line, column and JSON pointer.
 */
export { JsonStreamError } from './json-stream-error';
export { selectJsonValues } from './select-json-values';
