import { childPointer } from '../json-pointer';
import { isJsonObject, type JsonObject, type JsonReader } from '../json-reader';

/** A URI with a scheme. One letter before the colon is a Windows drive ("C:/src"), not a scheme. */
const SCHEME = /^[a-z][a-z0-9+.-]+:/i;

/**
 * Where each `uriBaseId` of a run points, as a prefix to put before relative URIs: `""` for the
 * repository root (and for bases the log leaves undefined, such as CodeQL's `%SRCROOT%`, which by
 * convention is the checkout), otherwise a relative path or an absolute URI ending in "/".
 *
 * Bases chain (`SRCROOT` → `PROJECTROOT`), so each is resolved recursively; a cycle is an error. The
 * base that `versionControlProvenance[0].mappedTo` names *is* the repository root: resolution stops
 * there, so paths come out relative to the repository, which is what threat-model components match on.
 * Without it, a top-level absolute `file:` base is taken as the checkout root for the same reason.
 */
export function resolveUriBases(
  originalUriBaseIds: JsonObject | null,
  repoRootBaseId: string | null,
  pointer: string,
  reader: JsonReader,
): Map<string, string> {
  const resolved = new Map<string, string>();
  if (repoRootBaseId !== null) resolved.set(repoRootBaseId, '');
  if (originalUriBaseIds === null) return resolved;

  const resolving: string[] = [];
  const resolve = (baseId: string): string => {
    const known = resolved.get(baseId);
    if (known !== undefined) return known;
    const basePointer = childPointer(pointer, baseId);
    const entry = originalUriBaseIds[baseId];
    if (entry === undefined) return '';
    if (resolving.includes(baseId)) {
      reader.problem(childPointer(basePointer, 'uriBaseId'), `base ids form a cycle: ${[...resolving, baseId].join(' → ')}`);
      return '';
    }
    if (!isJsonObject(entry)) {
      reader.problem(basePointer, 'must be an artifactLocation object');
      return '';
    }
    resolving.push(baseId);
    const uri = (reader.string(entry, 'uri', basePointer) ?? '').trim();
    const parentId = reader.string(entry, 'uriBaseId', basePointer);
    // Without a declared repository root, a top-level base that is an absolute file URI is the checkout
    // on the scanning machine (`file:///home/runner/checkout/app/`): paths stay relative to it, so they
    // match threat models and do not change from one runner to the next.
    const checkoutRoot = repoRootBaseId === null && parentId === null && /^file:/i.test(uri);
    let prefix = checkoutRoot ? '' : parentId !== null && !SCHEME.test(uri) ? joinUri(resolve(parentId), uri) : uri;
    if (prefix !== '' && !prefix.endsWith('/')) prefix += '/';
    resolving.pop();
    resolved.set(baseId, prefix);
    return prefix;
  };
  for (const baseId of Object.keys(originalUriBaseIds)) resolve(baseId);
  return resolved;
}

/**
 * The path of an artifact as people and threat models write it: relative to the repository when the
 * log allows, `file://` and the host dropped from absolute file URIs, `./` and `.` segments removed,
 * %-escapes decoded, Windows back slashes turned around. Other URIs (a DAST target's `https://…`) are
 * kept whole, since the URL is the location.
 */
export function artifactPath(uri: string, uriBaseId: string | null, bases: ReadonlyMap<string, string>): string | null {
  const trimmed = uri.trim().replace(/\\/g, '/');
  const full = uriBaseId === null || SCHEME.test(trimmed) ? trimmed : joinUri(bases.get(uriBaseId) ?? '', trimmed);
  if (/^file:/i.test(full)) return pathOf(full.replace(/^file:(\/\/[^/]*)?/i, '').replace(/^\/([a-z]:\/)/i, '$1'));
  if (SCHEME.test(full)) return full;
  return pathOf(full);
}

/** RFC 3986 resolution for the cases logs contain: a reference starting with "/" keeps only the base's scheme and host. */
function joinUri(base: string, reference: string): string {
  if (!reference.startsWith('/')) return base + reference;
  const origin = /^[a-z][a-z0-9+.-]+:\/\/[^/]*/i.exec(base);
  return origin ? origin[0] + reference : reference;
}

function pathOf(text: string): string | null {
  const absolute = text.startsWith('/');
  const segments: string[] = [];
  for (const segment of text.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..' && segments.length > 0 && segments[segments.length - 1] !== '..') segments.pop();
    else if (segment !== '..' || !absolute) segments.push(segment);
  }
  const path = decodePercent((absolute ? '/' : '') + segments.join('/'));
  return path === '' || path === '/' ? null : path;
}

/** A stray "%" that is not an escape is kept as it is rather than failing the import. */
function decodePercent(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
