import type {
  AcceptanceCriteriaDto,
  ContextAssetDto,
  ContextBoundaryDto,
  ContextFormat,
  ContextPackDto,
  ContextThreatDto,
  PastEscapeDto,
  ReviewChecklistDto,
  ReviewChecklistItemDto,
} from '../api/context';
import { deriveCriteria } from './acceptance-criteria';
import { cutId, fitToBudget, type Budget, type CutCandidate } from './budget';
import type { ContextRequest, ContextSource } from './context-source';
import { groupByLayer, rankThreats, SEVERITY_WEIGHT } from './rank-threats';
import { renderChecklistMarkdown, renderCriteriaMarkdown, renderPackMarkdown } from './render-markdown';
import { selectComponents, type ComponentSelection } from './select-components';

/** A rendered answer: the shape (as cut to the budget) and its text in the requested format. */
export interface Served<T> {
  value: T;
  text: string;
}

/** Past escapes are listed most severe first, then most recent first. */
function byEscapeImportance(a: PastEscapeDto, b: PastEscapeDto): number {
  return SEVERITY_WEIGHT[b.severity] - SEVERITY_WEIGHT[a.severity] || (a.detectedAt < b.detectedAt ? 1 : a.detectedAt > b.detectedAt ? -1 : 0);
}

/** An escape weighs as a threat of its severity with nothing else known; one tied to a threat a little more. */
function escapeScore(escape: PastEscapeDto): number {
  return SEVERITY_WEIGHT[escape.severity] + (escape.threatKey === null ? 0 : 1);
}

interface Slice {
  selection: ComponentSelection;
  threats: ContextThreatDto[];
  escapes: PastEscapeDto[];
  escapeCount: number;
  boundaries: ContextBoundaryDto[];
  assets: ContextAssetDto[];
}

/** Everything of the model that a request is about, ranked, before any budget. */
export function sliceModel(source: ContextSource, request: ContextRequest): Slice {
  const selection = selectComponents(source, request);
  const selected = new Set(selection.components.map((component) => component.key));
  const seen = new Set<string>();
  const escapes = source.escapes
    .filter((escape) => selected.has(escape.component) && !seen.has(escape.findingId) && seen.add(escape.findingId))
    .sort(byEscapeImportance);
  const threats = rankThreats(source.threats, source.components, selected, escapes);
  const boundaries = source.trustBoundaries
    .filter((boundary) => boundary.crossingComponentKeys.some((key) => selected.has(key)))
    .map((boundary) => ({ key: boundary.key, name: boundary.name, fromZone: boundary.fromZoneKey, toZone: boundary.toZoneKey, crossedBy: boundary.crossingComponentKeys.filter((key) => selected.has(key)) }));
  const reached = new Set(source.trustBoundaries.filter((b) => b.crossingComponentKeys.some((key) => selected.has(key))).flatMap((b) => b.crossingComponentKeys));
  const assets = source.components
    .filter((component) => reached.has(component.key) && !selected.has(component.key))
    .map((component) => ({ key: component.key, name: component.name, type: component.type, trustZone: component.trustZoneKey }));
  const escapeCount = [...selected].reduce((sum, key) => sum + (source.escapeCounts[key] ?? 0), 0);
  return { selection, threats, escapes, escapeCount, boundaries, assets };
}

const render = <T>(format: ContextFormat, value: T, markdown: (value: T) => string) => ({ value, text: format === 'json' ? JSON.stringify(value) : markdown(value) });

/** The context pack for a request, within the budget, in Markdown or JSON. */
export function buildContextPack(source: ContextSource, request: ContextRequest, budget: Budget, format: ContextFormat): Served<ContextPackDto> {
  const slice = sliceModel(source, request);
  const criteria = deriveCriteria(slice.threats);
  const importanceOf = new Map(slice.threats.map((threat) => [threat.key, threat.importance]));
  const candidates: CutCandidate[] = [
    ...slice.boundaries.map((boundary) => ({ kind: 'boundary' as const, key: boundary.key, score: 3 })),
    ...slice.assets.map((asset) => ({ kind: 'asset' as const, key: asset.key, score: 2 })),
    ...slice.threats.map((threat) => ({ kind: 'threat' as const, key: threat.key, score: threat.importance })),
    ...criteria.map((criterion) => ({ kind: 'criterion' as const, key: criterion.id, score: importanceOf.get(criterion.threatKey) ?? 0 })),
    ...slice.escapes.map((escape) => ({ kind: 'escape' as const, key: escape.findingId, score: escapeScore(escape) })),
  ];
  const fitted = fitToBudget(candidates, budget, (removed, budgetDto) => {
    const keep = (kind: CutCandidate['kind'], key: string) => !removed.has(cutId(kind, key));
    const threats = slice.threats.filter((threat) => keep('threat', threat.key));
    const value: ContextPackDto = {
      service: source.service,
      model: source.model,
      changeRef: request.changeRef,
      unmatchedPaths: slice.selection.unmatchedPaths,
      components: slice.selection.components,
      boundaries: slice.boundaries.filter((boundary) => keep('boundary', boundary.key)),
      assets: slice.assets.filter((asset) => keep('asset', asset.key)),
      layers: groupByLayer(threats),
      criteria: criteria.filter((criterion) => keep('criterion', criterion.id)),
      escapes: slice.escapes.filter((escape) => keep('escape', escape.findingId)),
      escapeCount: slice.escapeCount,
      budget: budgetDto,
    };
    return render(format, value, renderPackMarkdown);
  });
  return { value: fitted.value, text: fitted.text };
}

/** Security acceptance criteria for a ticket touching the request's components, within the budget. */
export function buildAcceptanceCriteria(source: ContextSource, request: ContextRequest, budget: Budget, format: ContextFormat): Served<AcceptanceCriteriaDto> {
  const slice = sliceModel(source, request);
  const criteria = deriveCriteria(slice.threats);
  const importanceOf = new Map(slice.threats.map((threat) => [threat.key, threat.importance]));
  const candidates = criteria.map((criterion) => ({ kind: 'criterion' as const, key: criterion.id, score: importanceOf.get(criterion.threatKey) ?? 0 }));
  const fitted = fitToBudget(candidates, budget, (removed, budgetDto) => {
    const value: AcceptanceCriteriaDto = {
      service: source.service,
      model: source.model,
      changeRef: request.changeRef,
      components: slice.selection.components,
      unmatchedPaths: slice.selection.unmatchedPaths,
      criteria: criteria.filter((criterion) => !removed.has(cutId('criterion', criterion.id))),
      budget: budgetDto,
    };
    return render(format, value, renderCriteriaMarkdown);
  });
  return { value: fitted.value, text: fitted.text };
}

/** A reviewer's checklist for changed files: the criteria of the threats their components fall under. */
export function buildReviewChecklist(source: ContextSource, request: ContextRequest, budget: Budget, format: ContextFormat): Served<ReviewChecklistDto> {
  const slice = sliceModel(source, { ...request, components: [] });
  const pathsOf = new Map(slice.selection.components.map((component) => [component.key, component.paths]));
  const matchedPaths = slice.selection.components.flatMap((component) => component.paths);
  const threatOf = new Map(slice.threats.map((threat) => [threat.key, threat]));
  const items: ReviewChecklistItemDto[] = deriveCriteria(slice.threats).map((criterion) => {
    const threat = threatOf.get(criterion.threatKey)!;
    const paths = threat.components.length === 0 ? matchedPaths : threat.components.flatMap((key) => pathsOf.get(key) ?? []);
    return { id: criterion.id, text: criterion.text, threatKey: criterion.threatKey, cweIds: criterion.cweIds, layer: criterion.layer, paths: [...new Set(paths)], pastEscapes: threat.escapes };
  });
  const candidates: CutCandidate[] = [
    ...items.map((item) => ({ kind: 'criterion' as const, key: item.id, score: threatOf.get(item.threatKey)!.importance })),
    ...slice.escapes.map((escape) => ({ kind: 'escape' as const, key: escape.findingId, score: escapeScore(escape) })),
  ];
  const fitted = fitToBudget(candidates, budget, (removed, budgetDto) => {
    const value: ReviewChecklistDto = {
      service: source.service,
      model: source.model,
      changeRef: request.changeRef,
      changedPaths: request.paths,
      components: slice.selection.components,
      unmatchedPaths: slice.selection.unmatchedPaths,
      items: items.filter((item) => !removed.has(cutId('criterion', item.id))),
      escapes: slice.escapes.filter((escape) => !removed.has(cutId('escape', escape.findingId))),
      budget: budgetDto,
    };
    return render(format, value, renderChecklistMarkdown);
  });
  return { value: fitted.value, text: fitted.text };
}
