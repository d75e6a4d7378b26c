import { MAX_LINE } from '../field-values';
import { childPointer } from '../json-pointer';
import { isJsonObject, type JsonObject, type JsonReader } from '../json-reader';
import { countOf } from '../problem-list';
import type { SarifRunContext } from './sarif-run-context';
import { artifactPath } from './sarif-uri';

export interface SarifLocationFacts {
  path: string | null;
  line: number | null;
  /** The flagged code (`region.snippet`, else `contextRegion.snippet`), for fingerprints. */
  snippet: string | null;
}

/**
 * Where a result is: its first location's physical location (§3.28-3.30). A result without locations
 * falls back to `analysisTarget`, the file that was analysed, so at least the path is known. Only the
 * first location is read, so only it is validated.
 */
export function readLocation(result: JsonObject, pointer: string, context: SarifRunContext, reader: JsonReader): SarifLocationFacts {
  const locations = reader.array(result, 'locations', pointer) ?? [];
  if (locations.length === 0) {
    const target = reader.object(result, 'analysisTarget', pointer);
    return { path: target && pathOf(target, childPointer(pointer, 'analysisTarget'), context, reader), line: null, snippet: null };
  }
  const locationPointer = childPointer(childPointer(pointer, 'locations'), 0);
  const location = locations[0];
  if (!isJsonObject(location)) {
    reader.problem(locationPointer, 'must be a location object');
    return { path: null, line: null, snippet: null };
  }
  const physical = reader.object(location, 'physicalLocation', locationPointer);
  if (physical === null) return { path: null, line: null, snippet: null };
  const physicalPointer = childPointer(locationPointer, 'physicalLocation');
  const artifactLocation = reader.object(physical, 'artifactLocation', physicalPointer);
  const region = reader.object(physical, 'region', physicalPointer);
  const contextRegion = reader.object(physical, 'contextRegion', physicalPointer);
  const regionPointer = childPointer(physicalPointer, 'region');
  return {
    path: artifactLocation && pathOf(artifactLocation, childPointer(physicalPointer, 'artifactLocation'), context, reader),
    line: region && reader.positiveInteger(region, 'startLine', regionPointer, MAX_LINE),
    snippet: snippetOf(region, regionPointer, reader) ?? snippetOf(contextRegion, childPointer(physicalPointer, 'contextRegion'), reader),
  };
}

/**
 * `uri` (resolved against its base) when present, else the run artifact at `index`. Some tools (OWASP
 * Dependency-Check among them) write indexes past the run's `artifacts`: the result is still a finding,
 * so it keeps its `uri` (or no path) and the broken reference becomes a warning, not a refusal.
 */
function pathOf(artifactLocation: JsonObject, pointer: string, context: SarifRunContext, reader: JsonReader): string | null {
  const uri = reader.string(artifactLocation, 'uri', pointer);
  const uriBaseId = reader.string(artifactLocation, 'uriBaseId', pointer);
  const index = reader.index(artifactLocation, 'index', pointer);
  if (index !== null && index >= context.artifactPaths.length) {
    const fallback = uri !== null ? 'its uri was used instead' : 'the location has no uri either, so it was stored without a path';
    reader.warn(
      childPointer(pointer, 'index'),
      'artifact_index_out_of_range',
      `${index} is out of range: the run has ${countOf(context.artifactPaths.length, 'artifact')}; ${fallback}`,
    );
  }
  if (uri !== null) return artifactPath(uri, uriBaseId, context.uriBases);
  return index === null ? null : (context.artifactPaths[index] ?? null);
}

function snippetOf(region: JsonObject | null, pointer: string, reader: JsonReader): string | null {
  const snippet = region && reader.object(region, 'snippet', pointer);
  return snippet && reader.string(snippet, 'text', childPointer(pointer, 'snippet'));
}
