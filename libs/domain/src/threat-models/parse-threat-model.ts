import { InputError } from '../ingest/parsed-finding';
import { formatOfName, formatOfRoot } from './detect-threat-model-format';
import { NATIVE_FORMAT_MARKER, parseNativeThreatModel } from './native/parse-native';
import { parseOtm } from './otm/parse-otm';
import { readSourceText, type SourceText, type ThreatModelLimits } from './source-text';
import { parseThreatDragon } from './threat-dragon/parse-threat-dragon';
import { parseThreagile, THREAGILE_FORMAT_MARKER } from './threagile/parse-threagile';
import type { ThreatModelDocument, ThreatModelFormat } from './threat-model';

export interface ParseThreatModelOptions {
  /** Used to tell JSON from YAML and, as a last resort, the format. */
  fileName?: string;
  /** Skips detection, e.g. when the uploader says which format it sends. */
  format?: ThreatModelFormat;
  /** Nesting, glob and match-rule bounds; the server takes them from its configuration. */
  limits: ThreatModelLimits;
}

const PARSERS: Readonly<Record<ThreatModelFormat, (source: SourceText) => ThreatModelDocument>> = {
  otm: parseOtm,
  'threat-dragon': parseThreatDragon,
  threagile: parseThreagile,
  native: parseNativeThreatModel,
};

/** Where each format lists what becomes components (Threat Dragon's are spread over its diagrams). */
const COMPONENTS_POINTER: Readonly<Record<ThreatModelFormat, string>> = { otm: '/components', 'threat-dragon': '', threagile: '/technical_assets', native: '/components' };

/**
 * A threat-model file (Open Threat Model JSON/YAML, Threat Dragon v2 JSON, Threagile YAML, or the native YAML/JSON)
 * read into the normalised model. Throws an InputError listing every problem with its JSON pointer,
 * and its line and column in the text.
 */
export function parseThreatModel(text: string, options: ParseThreatModelOptions): ThreatModelDocument {
  const source = readSourceText(text, options.fileName, options.limits);
  const format = options.format ?? formatOfRoot(source.root) ?? formatOfName(options.fileName);
  if (format === null) {
    const message = `is not a threat model Escapement knows: expected "otmVersion" (Open Threat Model), "summary" and "detail" (Threat Dragon v2), "${THREAGILE_FORMAT_MARKER}" (Threagile) or "${NATIVE_FORMAT_MARKER}" (Escapement's format) at the top level`;
    throw new InputError(`The file ${message}`, [{ message, pointer: '', ...(source.locate('') ?? { line: 1, column: 1 }) }]);
  }
  const document = PARSERS[format](source);
  if (document.components.length > options.limits.maxComponents) {
    const pointer = COMPONENTS_POINTER[format];
    const message = `has ${document.components.length} components; a model may have at most ${options.limits.maxComponents}`;
    throw new InputError(`The threat model ${message}`, [{ message, pointer, ...(source.locate(pointer) ?? { line: 1, column: 1 }) }]);
  }
  return document;
}
