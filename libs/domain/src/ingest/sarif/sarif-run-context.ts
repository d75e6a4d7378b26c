import { ESCAPEMENT_SARIF_PROPERTIES } from '../../exports/sarif-export';
import { childPointer } from '../json-pointer';
import { isJsonObject, JsonReader } from '../json-reader';
import { InputError } from '../parsed-finding';
import { readComponent, type SarifComponent } from './sarif-rules';
import { readTaxonomies, type SarifTaxonomy } from './sarif-taxonomies';
import { artifactPath, resolveUriBases } from './sarif-uri';

/**
 * Everything about a run that its results refer to: tool, rules, taxonomies, artifacts, URI bases and
 * repository. It is built from the run *without* its `results`, so a streaming reader can build it
 * once and then convert results one by one without holding them all (if `results` comes before the
 * other members in a file, the reader has to skip ahead or buffer them).
 */
export interface SarifRunContext {
  readonly pointer: string;
  readonly toolName: string | null;
  readonly driver: SarifComponent;
  readonly extensions: readonly SarifComponent[];
  readonly taxonomies: readonly SarifTaxonomy[];
  /** `run.artifacts[i].location` as a path, for `artifactLocation.index`. */
  readonly artifactPaths: readonly (string | null)[];
  readonly uriBases: ReadonlyMap<string, string>;
  /** `versionControlProvenance[0].repositoryUri`. */
  readonly repo: string | null;
  /** When the run started (`invocations[0]`), the detection time of results that do not say. */
  readonly detectedAt: string | null;
}

/** Throws an InputError with a pointer per problem when the run is malformed; ignores `results`. */
export function sarifRunContext(run: unknown, runPointer: string): SarifRunContext {
  if (!isJsonObject(run)) throw new InputError(`${runPointer} is not a SARIF run`, [{ pointer: runPointer, message: 'must be a run object' }]);
  const reader = new JsonReader();

  const tool = reader.object(run, 'tool', runPointer);
  const toolPointer = childPointer(runPointer, 'tool');
  if (tool === null) reader.problem(toolPointer, 'is required: a run names the tool that produced it');
  else if (!isJsonObject(tool.driver)) reader.problem(childPointer(toolPointer, 'driver'), 'is required and must be a toolComponent object');
  const taxonomies = readTaxonomies(run, runPointer, reader);
  const driverValue = tool !== null && isJsonObject(tool.driver) ? tool.driver : {};
  const driver = readComponent(driverValue, childPointer(toolPointer, 'driver'), 'the driver', taxonomies, reader);
  const extensionsPointer = childPointer(toolPointer, 'extensions');
  const extensions = (tool ? (reader.array(tool, 'extensions', toolPointer) ?? []) : []).map((extension, index) =>
    readComponent(extension, childPointer(extensionsPointer, index), `extension ${index}`, taxonomies, reader),
  );

  const provenancePointer = childPointer(childPointer(runPointer, 'versionControlProvenance'), 0);
  const provenance = reader.array(run, 'versionControlProvenance', runPointer)?.[0];
  const vcs = isJsonObject(provenance) ? provenance : null;
  const mappedTo = vcs && reader.object(vcs, 'mappedTo', provenancePointer);
  const repoRootBaseId = mappedTo && reader.string(mappedTo, 'uriBaseId', childPointer(provenancePointer, 'mappedTo'));
  const runProperties = reader.object(run, 'properties', runPointer);
  // An Escapement export names a repository that is not an absolute URI ("github.com/acme/api") here.
  const exportedRepo = runProperties && reader.string(runProperties, ESCAPEMENT_SARIF_PROPERTIES.repo, childPointer(runPointer, 'properties'));
  const repo = (vcs && reader.string(vcs, 'repositoryUri', provenancePointer))?.trim() || exportedRepo?.trim() || null;

  const uriBases = resolveUriBases(reader.object(run, 'originalUriBaseIds', runPointer), repoRootBaseId, childPointer(runPointer, 'originalUriBaseIds'), reader);
  const artifactsPointer = childPointer(runPointer, 'artifacts');
  const artifactPaths = (reader.array(run, 'artifacts', runPointer) ?? []).map((artifact, index) => {
    const artifactPointer = childPointer(artifactsPointer, index);
    if (!isJsonObject(artifact)) {
      reader.problem(artifactPointer, 'must be an artifact object');
      return null;
    }
    const location = reader.object(artifact, 'location', artifactPointer);
    if (location === null) return null;
    const locationPointer = childPointer(artifactPointer, 'location');
    const uri = reader.string(location, 'uri', locationPointer);
    return uri === null ? null : artifactPath(uri, reader.string(location, 'uriBaseId', locationPointer), uriBases);
  });

  const invocation = reader.array(run, 'invocations', runPointer)?.[0];
  const invocationPointer = childPointer(childPointer(runPointer, 'invocations'), 0);
  const detectedAt = isJsonObject(invocation)
    ? (reader.dateTime(invocation, 'startTimeUtc', invocationPointer) ?? reader.dateTime(invocation, 'endTimeUtc', invocationPointer))
    : null;

  reader.problems.throwIfAny(`the SARIF run at ${runPointer}`);
  return { pointer: runPointer, toolName: driver.name, driver, extensions, taxonomies, artifactPaths, uriBases, repo, detectedAt };
}
