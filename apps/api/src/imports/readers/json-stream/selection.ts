import type { JsonPath } from '@escapement/domain';

/**
 * What to do with the value at a path:
 * 'take' materialises it whole and yields it; 'skip' reads and validates it, keeping nothing;
 * 'descend' walks into an object or array and asks again for each child (for a scalar it means 'skip').
 */
export type Selection = 'take' | 'skip' | 'descend';

export type SelectValues = (path: JsonPath) => Selection;

export interface SelectedValue {
  path: JsonPath;
  /** RFC 6901 pointer of `path`. */
  pointer: string;
  value: unknown;
  /** Where the value starts (1-based; columns in UTF-16 code units, see JsonStreamError). */
  line: number;
  column: number;
}
