import { isJsonObject } from '../ingest/json-reader';
import { InputError } from '../ingest/parsed-finding';
import { NATIVE_FORMAT_MARKER } from './native/parse-native';
import { readSourceText, type ThreatModelLimits } from './source-text';
import { THREAGILE_FORMAT_MARKER } from './threagile/parse-threagile';
import type { ThreatModelFormat } from './threat-model';

/**
 * Which parser a threat-model file needs, from the top-level members each format is known by:
 * `otmVersion` (Open Threat Model), `escapementThreatModel` (native), `threagile_version` (Threagile),
 * `summary`/`detail` (Threat Dragon). A file that does not parse is recognised by the same names in its
 * text, so that its syntax error can be reported by the right parser's caller. The file name decides only when the content
 * cannot (`*.otm.json`, `*.otm.yaml`). Null when nothing tells.
 */
export function detectThreatModelFormat(text: string, fileName: string | undefined, limits: ThreatModelLimits): ThreatModelFormat | null {
  return formatOfContent(text, fileName, limits) ?? formatOfName(fileName);
}

/** The format its top-level members name, for a value already read from a file. */
export function formatOfRoot(root: unknown): ThreatModelFormat | null {
  if (!isJsonObject(root)) return null;
  if (root.otmVersion !== undefined) return 'otm';
  if (root[NATIVE_FORMAT_MARKER] !== undefined) return 'native';
  if (root[THREAGILE_FORMAT_MARKER] !== undefined) return 'threagile';
  if (isJsonObject(root.summary) || isJsonObject(root.detail) || isJsonObject(root.details)) return 'threat-dragon';
  return null;
}

export function formatOfName(fileName: string | undefined): ThreatModelFormat | null {
  return /\.otm(\.(json|ya?ml))?$/i.test(fileName ?? '') ? 'otm' : null;
}

function formatOfContent(text: string, fileName: string | undefined, limits: ThreatModelLimits): ThreatModelFormat | null {
  try {
    return formatOfRoot(readSourceText(text, fileName, limits).root);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return formatOfText(text);
  }
}

function formatOfText(text: string): ThreatModelFormat | null {
  if (/(^|[{,\s])["']?otmVersion["']?\s*:/m.test(text)) return 'otm';
  if (new RegExp(`(^|[{,\\s])["']?${NATIVE_FORMAT_MARKER}["']?\\s*:`, 'm').test(text)) return 'native';
  if (new RegExp(`^${THREAGILE_FORMAT_MARKER}\\s*:`, 'm').test(text)) return 'threagile';
  if (/"(summary|detail)"\s*:\s*\{/.test(text)) return 'threat-dragon';
  return null;
}
