import { childPointer } from '../../ingest/json-pointer';
import type { JsonObject } from '../../ingest/json-reader';
import { ModelReader } from '../model-reader';
import { oneLine } from '../model-words';
import { otmLayer, otmMatchRules } from '../otm/otm-conventions';
import { throwLocatedIfAny, type SourceText } from '../source-text';
import type { ModelComponent, ModelTrustBoundary, ModelTrustZone, ThreatModelDocument } from '../threat-model';
import { plainText, titledElements } from './threagile-text';
import { readThreagileThreats, type CommunicationLink } from './threagile-risks';

/** The top-level member every Threagile model starts with. */
export const THREAGILE_FORMAT_MARKER = 'threagile_version';

interface DataAsset {
  title: string;
  confidentiality: string | null;
}

interface TrustBoundary {
  key: string;
  title: string;
  description: string | null;
  inside: string[];
  nested: string[];
  pointer: string;
}

/**
 * A Threagile model (YAML). Technical assets are components; trust boundaries are both the zones their
 * assets sit in and the boundaries crossed by the communication links that leave them; data assets are
 * named, with their confidentiality, on the components that store or process them; identified risks,
 * and the risks the file tracks by id, are threats with the CWE id their risk category names. Match
 * rules and layers come from tags (`escapement.path:src/**`), as in OTM files.
 */
export function parseThreagile(source: SourceText): ThreatModelDocument {
  const reader = new ModelReader(source.limits);
  const root = reader.root(source.root, 'a Threagile model');
  const document = root === null ? null : readDocument(root, reader);
  throwLocatedIfAny(reader.problems, source, 'the Threagile model');
  return document as ThreatModelDocument;
}

function readDocument(root: JsonObject, reader: ModelReader): ThreatModelDocument {
  const name = reader.requiredString(root, 'title', '');
  const overview = reader.object(root, 'business_overview', '');
  const description = plainText(overview === null ? null : reader.string(overview, 'description', '/business_overview')) ?? plainText(reader.string(root, 'management_summary_comment', ''));

  const dataAssets = readDataAssets(root, reader);
  const boundaries = readTrustBoundaries(root, reader);
  const zoneOf = new Map<string, string>();
  for (const boundary of boundaries) for (const asset of boundary.inside) if (!zoneOf.has(asset)) zoneOf.set(asset, boundary.key);

  const components: ModelComponent[] = [];
  const links: CommunicationLink[] = [];
  for (const { title, element, pointer } of titledElements(root, 'technical_assets', '', 'a technical asset', reader)) {
    const key = reader.identifier(element, 'id', pointer, new Set(components.map((component) => component.key)));
    if (key === null) continue;
    const tags = reader.strings(element, 'tags', pointer);
    const extras = { pointer, attributes: null, tags };
    components.push({
      key,
      name: oneLine(reader.string(element, 'title', pointer) ?? title) || key,
      description: describeAsset(element, pointer, dataAssets, reader),
      type: technologyOf(element, pointer, reader),
      trustZoneKey: zoneOf.get(key) ?? null,
      parentKey: null,
      layer: otmLayer(extras, reader),
      matchRules: otmMatchRules(extras, reader),
    });
    links.push(...readLinks(element, pointer, key, reader));
  }
  const componentKeys = new Set(components.map((component) => component.key));
  for (const link of links) {
    if (!componentKeys.has(link.targetKey)) reader.problem(link.pointer, `names technical asset ${JSON.stringify(link.targetKey)}, which "technical_assets" does not define`);
  }
  for (const boundary of boundaries) {
    boundary.inside.forEach((asset, index) => {
      if (!componentKeys.has(asset)) reader.problem(childPointer(childPointer(boundary.pointer, 'technical_assets_inside'), index), `names technical asset ${JSON.stringify(asset)}, which "technical_assets" does not define`);
    });
  }
  const knownLinks = links.filter((link) => componentKeys.has(link.targetKey));
  return {
    format: 'threagile',
    name: name ?? '',
    version: null,
    description,
    components,
    trustZones: boundaries.map(toZone),
    trustBoundaries: crossings(boundaries, knownLinks),
    threats: readThreagileThreats(root, { componentKeys, links: knownLinks, dataAssetKeys: new Set(dataAssets.keys()) }, reader),
  };
}

function readDataAssets(root: JsonObject, reader: ModelReader): Map<string, DataAsset> {
  const assets = new Map<string, DataAsset>();
  for (const { title, element, pointer } of titledElements(root, 'data_assets', '', 'a data asset', reader)) {
    const key = reader.identifier(element, 'id', pointer, assets);
    if (key !== null) assets.set(key, { title: oneLine(reader.string(element, 'title', pointer) ?? title) || key, confidentiality: reader.string(element, 'confidentiality', pointer)?.trim() || null });
  }
  return assets;
}

function readTrustBoundaries(root: JsonObject, reader: ModelReader): TrustBoundary[] {
  const boundaries = new Map<string, TrustBoundary>();
  for (const { title, element, pointer } of titledElements(root, 'trust_boundaries', '', 'a trust boundary', reader)) {
    const key = reader.identifier(element, 'id', pointer, boundaries);
    if (key === null) continue;
    boundaries.set(key, {
      key,
      title: oneLine(reader.string(element, 'title', pointer) ?? title) || key,
      description: plainText(reader.string(element, 'description', pointer)),
      inside: reader.strings(element, 'technical_assets_inside', pointer),
      nested: reader.strings(element, 'trust_boundaries_nested', pointer),
      pointer,
    });
  }
  for (const boundary of boundaries.values()) {
    boundary.nested.forEach((nested, index) => {
      if (!boundaries.has(nested)) reader.problem(childPointer(childPointer(boundary.pointer, 'trust_boundaries_nested'), index), `names trust boundary ${JSON.stringify(nested)}, which "trust_boundaries" does not define`);
    });
  }
  return [...boundaries.values()];
}

function toZone(boundary: TrustBoundary): ModelTrustZone {
  return { key: boundary.key, name: boundary.title, trustRating: null, description: boundary.description };
}

/**
 * A boundary is crossed by every link with one end inside it (directly or in a boundary nested in it)
 * and the other outside; it runs from the boundary that encloses it, if any, to its own zone.
 */
function crossings(boundaries: readonly TrustBoundary[], links: readonly CommunicationLink[]): ModelTrustBoundary[] {
  const byKey = new Map(boundaries.map((boundary) => [boundary.key, boundary]));
  const parentOf = new Map<string, string>();
  for (const boundary of boundaries) for (const nested of boundary.nested) if (!parentOf.has(nested) && nested !== boundary.key) parentOf.set(nested, boundary.key);
  return boundaries.map((boundary) => {
    const inside = assetsWithin(boundary, byKey);
    const crossing = new Set<string>();
    for (const link of links) {
      if (inside.has(link.sourceKey) !== inside.has(link.targetKey)) crossing.add(link.sourceKey).add(link.targetKey);
    }
    return { key: boundary.key, name: boundary.title, fromZoneKey: parentOf.get(boundary.key) ?? null, toZoneKey: boundary.key, crossingComponentKeys: [...crossing] };
  });
}

/** The assets inside a boundary and the boundaries nested in it; a nesting cycle is walked once. */
function assetsWithin(boundary: TrustBoundary, byKey: ReadonlyMap<string, TrustBoundary>): Set<string> {
  const assets = new Set<string>();
  const seen = new Set<string>();
  const pending = [boundary];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (seen.has(next.key)) continue;
    seen.add(next.key);
    for (const asset of next.inside) assets.add(asset);
    for (const nested of next.nested) {
      const found = byKey.get(nested);
      if (found !== undefined) pending.push(found);
    }
  }
  return assets;
}

/** "Stores: Customer Accounts (strictly-confidential). Processes: …", after the asset's own description. */
function describeAsset(asset: JsonObject, pointer: string, dataAssets: ReadonlyMap<string, DataAsset>, reader: ModelReader): string | null {
  const named = (key: string) => {
    const ids = reader.strings(asset, key, pointer);
    ids.forEach((id, index) => {
      if (!dataAssets.has(id)) reader.problem(childPointer(childPointer(pointer, key), index), `names data asset ${JSON.stringify(id)}, which "data_assets" does not define`);
    });
    return ids.filter((id) => dataAssets.has(id));
  };
  const stored = named('data_assets_stored');
  const processed = named('data_assets_processed').filter((id) => !stored.includes(id));
  const label = (id: string) => {
    const data = dataAssets.get(id)!;
    return data.confidentiality === null ? data.title : `${data.title} (${data.confidentiality})`;
  };
  const parts = [plainText(reader.string(asset, 'description', pointer))];
  if (stored.length > 0) parts.push(`Stores: ${stored.map(label).join(', ')}.`);
  if (processed.length > 0) parts.push(`Processes: ${processed.map(label).join(', ')}.`);
  const text = parts.filter((part): part is string => part !== null).join('\n');
  return text === '' ? null : text;
}

/**
 * A model file keys links by title under their source (`Database Access: {target: db}`); the model
 * Threagile writes back after parsing lists them with their ids (`{id: api>database-access, target_id: db}`).
 */
function readLinks(asset: JsonObject, pointer: string, sourceKey: string, reader: ModelReader): CommunicationLink[] {
  const links: CommunicationLink[] = [];
  if (Array.isArray(asset.communication_links)) {
    for (const [link, linkPointer] of reader.objects(asset, 'communication_links', pointer, 'a communication link')) {
      const target = reader.requiredString(link, 'target_id', linkPointer);
      const id = reader.string(link, 'id', linkPointer)?.trim() || `${sourceKey}>${linkId(reader.string(link, 'title', linkPointer) ?? '')}`;
      if (target !== null) links.push({ key: id, sourceKey, targetKey: target, pointer: childPointer(linkPointer, 'target_id') });
    }
    return links;
  }
  for (const link of titledElements(asset, 'communication_links', pointer, 'a communication link', reader)) {
    const target = reader.requiredString(link.element, 'target', link.pointer);
    if (target !== null) links.push({ key: `${sourceKey}>${linkId(link.title)}`, sourceKey, targetKey: target, pointer: childPointer(link.pointer, 'target') });
  }
  return links;
}

/** `technology` says more than `type` (external-entity, process, datastore); a parsed model lists `technologies`. */
function technologyOf(asset: JsonObject, pointer: string, reader: ModelReader): string | null {
  const listed = reader.objects(asset, 'technologies', pointer, 'a technology').map(([technology, at]) => reader.string(technology, 'name', at)?.trim());
  const names = listed.filter((name): name is string => !!name);
  if (names.length > 0) return names.join(', ');
  return reader.string(asset, 'technology', pointer)?.trim() || reader.string(asset, 'type', pointer)?.trim() || null;
}

/** Threagile's id of a communication link: its title in lower case, words joined by dashes. */
function linkId(title: string): string {
  return title.trim().toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}
