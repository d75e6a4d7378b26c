import { UNASSIGNED_LAYER, type ContextLayer, type ContextLayerGroupDto, type ContextThreatDto, type PastEscapeDto } from '../api/context';
import type { Severity } from '../model/finding';
import type { ModelComponent, ModelThreat, ThreatStatus } from '../threat-models/threat-model';

/** Weights of the importance score; written out so the ranking can be explained (docs/context.md). */
export const SEVERITY_WEIGHT: Record<Severity, number> = { critical: 8, high: 6, medium: 4, low: 2, info: 1 };
/** A threat without a severity counts as medium. */
export const UNKNOWN_SEVERITY_WEIGHT = SEVERITY_WEIGHT.medium;
export const STATUS_WEIGHT: Record<ThreatStatus, number> = { open: 3, accepted: 2, mitigated: 1, not_applicable: -20 };
/** Each escape of the threat adds this much, up to `ESCAPE_WEIGHT_CAP` escapes: a threat that happened is a threat that matters. */
export const ESCAPE_WEIGHT = 2;
export const ESCAPE_WEIGHT_CAP = 5;

/**
 * How important a threat is to someone about to change the code: its severity, whether it is still
 * open, and how often it has already escaped. Higher first.
 */
export function threatImportance(threat: Pick<ModelThreat, 'severity' | 'status'>, escapes: number): number {
  const severity = threat.severity === null ? UNKNOWN_SEVERITY_WEIGHT : SEVERITY_WEIGHT[threat.severity];
  return severity + STATUS_WEIGHT[threat.status] + ESCAPE_WEIGHT * Math.min(escapes, ESCAPE_WEIGHT_CAP);
}

/**
 * The threats that apply to the selected components (and those to the whole system), each with its
 * importance, most important first; ties by key, so the order never depends on storage order.
 */
export function rankThreats(threats: readonly ModelThreat[], components: readonly ModelComponent[], selected: ReadonlySet<string>, escapes: readonly PastEscapeDto[]): ContextThreatDto[] {
  const layerOf = new Map(components.map((component) => [component.key, component.layer]));
  const escapesOf = new Map<string, number>();
  for (const escape of escapes) if (escape.threatKey !== null) escapesOf.set(escape.threatKey, (escapesOf.get(escape.threatKey) ?? 0) + 1);
  return threats
    .filter((threat) => threat.componentKeys.length === 0 || threat.componentKeys.some((key) => selected.has(key)))
    .map((threat): ContextThreatDto => {
      const applies = threat.componentKeys.filter((key) => selected.has(key));
      const escaped = escapesOf.get(threat.key) ?? 0;
      const layer: ContextLayer = threat.layer ?? applies.map((key) => layerOf.get(key) ?? null).find((l) => l !== null) ?? UNASSIGNED_LAYER;
      return {
        key: threat.key,
        title: threat.title,
        description: threat.description,
        layer,
        stride: threat.stride,
        severity: threat.severity,
        status: threat.status,
        cweIds: [...threat.cweIds],
        components: applies,
        mitigations: threat.mitigations.map((m) => ({ key: m.key, title: m.title, status: m.status })),
        escapes: escaped,
        importance: threatImportance(threat, escaped),
      };
    })
    .sort(byImportance);
}

export function byImportance(a: { importance: number; key: string }, b: { importance: number; key: string }): number {
  return b.importance - a.importance || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/** Ranked threats grouped by PWNISMS layer; a group is as important as its most important threat. */
export function groupByLayer(ranked: readonly ContextThreatDto[]): ContextLayerGroupDto[] {
  const groups = new Map<ContextLayer, ContextThreatDto[]>();
  for (const threat of ranked) groups.set(threat.layer, [...(groups.get(threat.layer) ?? []), threat]);
  return [...groups.entries()].map(([layer, threats]) => ({ layer, threats }));
}
