import { childPointer } from '../../ingest/json-pointer';
import { isJsonObject, type JsonObject } from '../../ingest/json-reader';
import { ModelReader } from '../model-reader';
import { oneLine, textOrNull } from '../model-words';
import { throwLocatedIfAny, type SourceText } from '../source-text';
import type { ModelComponent, ModelThreat, ModelTrustBoundary, ThreatModelDocument } from '../threat-model';
import { centreOf, contains, polylinesCross, type Point, type Rectangle } from './diagram-geometry';
import { readTdThreat, tdThreatId, threatsOf } from './td-threats';

type CellKind = 'component' | 'flow' | 'boundary';

/** By x6 shape, else by the `data.type` Threat Dragon also writes; `trust-broundary-curve` is an old app's spelling. */
const KIND_OF_SHAPE: Readonly<Record<string, CellKind>> = {
  actor: 'component',
  process: 'component',
  store: 'component',
  flow: 'flow',
  'trust-boundary-box': 'boundary',
  'trust-boundary-curve': 'boundary',
  'trust-broundary-curve': 'boundary',
};
const KIND_OF_TYPE: Readonly<Record<string, CellKind>> = {
  'tm.Actor': 'component',
  'tm.Process': 'component',
  'tm.Store': 'component',
  'tm.Flow': 'flow',
  'tm.Boundary': 'boundary',
  'tm.BoundaryBox': 'boundary',
};
const TYPE_OF_COMPONENT: Readonly<Record<string, string>> = { 'tm.Actor': 'actor', 'tm.Process': 'process', 'tm.Store': 'store' };

interface Cell {
  cell: JsonObject;
  data: JsonObject | null;
  pointer: string;
  id: string;
  kind: CellKind;
}

interface Flow {
  cell: Cell;
  sourceKey: string | null;
  targetKey: string | null;
  path: Point[] | null;
}

/**
 * An OWASP Threat Dragon v2 model. Actors, processes and stores are components; trust-boundary cells
 * are boundaries, crossed by the components at the ends of the flows drawn across them; every threat
 * of a component, and of a flow (landing on both its ends), is a threat. Threat Dragon has no zones,
 * match rules, layers or CWE fields, so those stay empty.
 */
export function parseThreatDragon(source: SourceText): ThreatModelDocument {
  const reader = new ModelReader(source.limits);
  const root = reader.root(source.root, 'a Threat Dragon model');
  const document = root === null ? null : readDocument(root, reader);
  throwLocatedIfAny(reader.problems, source, 'the Threat Dragon model');
  return document as ThreatModelDocument;
}

function readDocument(root: JsonObject, reader: ModelReader): ThreatModelDocument {
  const summary = required(root, 'summary', '', reader);
  const title = summary === null ? null : reader.requiredString(summary, 'title', '/summary');
  const description = summary === null ? null : textOrNull(reader.string(summary, 'description', '/summary'));
  const detail = required(root, 'detail', '', reader);
  if (detail !== null && (detail.diagrams === undefined || detail.diagrams === null)) reader.problem('/detail/diagrams', 'is required: the list of diagrams');
  const diagrams = detail === null ? [] : reader.objects(detail, 'diagrams', '/detail', 'a diagram');
  const cells = diagrams.flatMap(([diagram, pointer]) => readCells(diagram, pointer, reader));

  const components = cells.filter((cell) => cell.kind === 'component').map((cell) => toComponent(cell, reader));
  const componentKeys = new Set(components.map((component) => component.key));
  const geometry = new Map(cells.map((cell) => [cell.id, rectangleOf(cell.cell)]));
  const flows = cells.filter((cell) => cell.kind === 'flow').map((cell) => toFlow(cell, componentKeys, geometry, reader));
  const boundaries = cells.filter((cell) => cell.kind === 'boundary').map((cell, index) => toBoundary(cell, index, flows, geometry, reader));
  return {
    format: 'threat-dragon',
    name: title ?? '',
    version: null,
    description,
    components,
    trustZones: [],
    trustBoundaries: boundaries,
    threats: readThreats(cells, flows, reader),
  };
}

function required(owner: JsonObject, key: string, pointer: string, reader: ModelReader): JsonObject | null {
  const value = reader.object(owner, key, pointer);
  if (value === null && (owner[key] === undefined || owner[key] === null)) {
    // The malformed files seen in the wild misspell the top-level members ("details" for "detail").
    const nearMiss = Object.keys(owner).find((other) => other !== key && (other === `${key}s` || `${other}s` === key));
    reader.problem(childPointer(pointer, key), nearMiss === undefined ? 'is required' : `is required (the file has "${nearMiss}")`);
  }
  return value;
}

function readCells(diagram: JsonObject, diagramPointer: string, reader: ModelReader): Cell[] {
  const cells: Cell[] = [];
  for (const [cell, pointer] of reader.objects(diagram, 'cells', diagramPointer, 'a cell')) {
    const data = reader.object(cell, 'data', pointer);
    const shape = reader.string(cell, 'shape', pointer);
    const type = data === null ? null : reader.string(data, 'type', childPointer(pointer, 'data'));
    const kind = (shape === null ? undefined : KIND_OF_SHAPE[shape]) ?? (type === null ? undefined : KIND_OF_TYPE[type]);
    if (kind === undefined) continue; // text blocks and shapes of newer app versions carry no threat-model meaning here
    const id = reader.requiredString(cell, 'id', pointer);
    if (id !== null) cells.push({ cell, data, pointer, id, kind });
  }
  return cells;
}

function toComponent({ cell, data, pointer, id }: Cell, reader: ModelReader): ModelComponent {
  const dataPointer = childPointer(pointer, 'data');
  const shape = reader.string(cell, 'shape', pointer);
  const type = data === null ? null : reader.string(data, 'type', dataPointer);
  return {
    key: id,
    name: nameOf(data, dataPointer, reader) ?? shape ?? id,
    description: data === null ? null : textOrNull(reader.string(data, 'description', dataPointer)),
    type: shape !== null && KIND_OF_SHAPE[shape] === 'component' ? shape : type === null ? null : (TYPE_OF_COMPONENT[type] ?? null),
    trustZoneKey: null,
    parentKey: null,
    layer: null,
    matchRules: { repos: [], paths: [], services: [] },
  };
}

function toFlow(flowCell: Cell, componentKeys: ReadonlySet<string>, geometry: ReadonlyMap<string, Rectangle | null>, reader: ModelReader): Flow {
  const { cell, pointer } = flowCell;
  const end = (member: 'source' | 'target') => {
    const terminal = reader.object(cell, member, pointer);
    const key = terminal === null ? null : reader.string(terminal, 'cell', childPointer(pointer, member))?.trim() || null;
    const rectangle = key === null ? null : (geometry.get(key) ?? null);
    return { key: key !== null && componentKeys.has(key) ? key : null, point: rectangle !== null ? centreOf(rectangle) : pointOf(terminal) };
  };
  const source = end('source');
  const target = end('target');
  const path = source.point !== null && target.point !== null ? [source.point, ...verticesOf(cell), target.point] : null;
  return { cell: flowCell, sourceKey: source.key, targetKey: target.key, path };
}

function toBoundary({ cell, data, pointer, id }: Cell, index: number, flows: readonly Flow[], geometry: ReadonlyMap<string, Rectangle | null>, reader: ModelReader): ModelTrustBoundary {
  const box = geometry.get(id) ?? null;
  const curve = box === null ? curveOf(cell) : null;
  const crossing = flows.filter(({ path }) => {
    if (path === null) return false;
    if (box !== null) return contains(box, path[0]) !== contains(box, path[path.length - 1]);
    return curve !== null && polylinesCross(curve, path);
  });
  const ends = crossing.flatMap((flow) => [flow.sourceKey, flow.targetKey]).filter((key): key is string => key !== null);
  return {
    key: id,
    name: nameOf(data, childPointer(pointer, 'data'), reader) ?? labelOf(cell) ?? `Trust boundary ${index + 1}`,
    fromZoneKey: null,
    toZoneKey: null,
    crossingComponentKeys: [...new Set(ends)],
  };
}

/** Threats in document order; a flow's threat lands on the components at its ends. */
function readThreats(cells: readonly Cell[], flows: readonly Flow[], reader: ModelReader): ModelThreat[] {
  const flowById = new Map(flows.map((flow) => [flow.cell.id, flow]));
  const threats: ModelThreat[] = [];
  const used = new Set<string>();
  for (const cell of cells) {
    const flow = flowById.get(cell.id);
    const componentKeys =
      cell.kind === 'component' ? [cell.id] : flow === undefined ? [] : [...new Set([flow.sourceKey, flow.targetKey].filter((key): key is string => key !== null))];
    threatsOf(cell.cell, cell.data, cell.pointer, reader).forEach(([threat, pointer], index) => {
      const key = uniqueKey(tdThreatId(threat, pointer, reader) ?? `${cell.id}/threats/${index}`, used);
      threats.push(readTdThreat(threat, pointer, key, componentKeys, reader));
    });
  }
  return threats;
}

/** Copied cells keep their threats' ids; the copies still need keys of their own. */
function uniqueKey(candidate: string, used: Set<string>): string {
  let key = candidate;
  for (let copy = 2; used.has(key); copy++) key = `${candidate}#${copy}`;
  used.add(key);
  return key;
}

function nameOf(data: JsonObject | null, dataPointer: string, reader: ModelReader): string | null {
  const name = data === null ? null : reader.string(data, 'name', dataPointer);
  return name === null ? null : textOrNull(oneLine(name));
}

function labelOf(cell: JsonObject): string | null {
  const labels = Array.isArray(cell.labels) ? cell.labels : [];
  for (const label of labels) {
    const attrs = isJsonObject(label) && isJsonObject(label.attrs) ? label.attrs : null;
    for (const part of attrs === null ? [] : Object.values(attrs)) {
      if (isJsonObject(part) && typeof part.text === 'string' && part.text.trim() !== '') return oneLine(part.text);
    }
  }
  return null;
}

function rectangleOf(cell: JsonObject): Rectangle | null {
  const position = pointOf(cell.position);
  const size = isJsonObject(cell.size) ? cell.size : null;
  if (position === null || size === null || typeof size.width !== 'number' || typeof size.height !== 'number') return null;
  return { ...position, width: size.width, height: size.height };
}

function curveOf(cell: JsonObject): Point[] | null {
  const source = pointOf(cell.source);
  const target = pointOf(cell.target);
  return source === null || target === null ? null : [source, ...verticesOf(cell), target];
}

function verticesOf(cell: JsonObject): Point[] {
  return (Array.isArray(cell.vertices) ? cell.vertices : []).map(pointOf).filter((point): point is Point => point !== null);
}

function pointOf(value: unknown): Point | null {
  return isJsonObject(value) && typeof value.x === 'number' && typeof value.y === 'number' ? { x: value.x, y: value.y } : null;
}
