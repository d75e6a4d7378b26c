import { childPointer } from '../../ingest/json-pointer';
import type { JsonObject } from '../../ingest/json-reader';
import type { Severity } from '../../model/finding';
import type { StrideCategory } from '../../model/pwnisms';
import type { ModelReader } from '../model-reader';
import { severityOf, strideOf } from '../model-words';
import type { MitigationStatus, ModelThreat, ThreatStatus } from '../threat-model';
import { THREAGILE_RISK_CATEGORIES } from './threagile-risk-categories';
import { plainText, titledElements } from './threagile-text';

export interface CommunicationLink {
  /** Threagile's id: `<source asset id>><title in lower case, dashed>`. */
  key: string;
  sourceKey: string;
  targetKey: string;
  pointer: string;
}

export interface ThreagileElements {
  componentKeys: ReadonlySet<string>;
  links: readonly CommunicationLink[];
  dataAssetKeys: ReadonlySet<string>;
}

interface Category {
  id: string;
  title: string;
  description: string | null;
  stride: StrideCategory | null;
  cweIds: number[];
  mitigation: string | null;
}

interface Tracking {
  id: string;
  status: TrackingStatus;
  justification: string | null;
}

const TRACKING_STATUSES = ['unchecked', 'in-discussion', 'accepted', 'in-progress', 'mitigated', 'false-positive'] as const;
type TrackingStatus = (typeof TRACKING_STATUSES)[number];

const THREAT_STATUS: Readonly<Record<TrackingStatus, ThreatStatus>> = {
  unchecked: 'open',
  'in-discussion': 'open',
  'in-progress': 'open',
  accepted: 'accepted',
  mitigated: 'mitigated',
  'false-positive': 'not_applicable',
};
const MITIGATION_STATUS: Readonly<Record<TrackingStatus, MitigationStatus | null>> = {
  unchecked: null,
  'in-discussion': null,
  'in-progress': 'planned',
  accepted: null,
  mitigated: 'implemented',
  'false-positive': null,
};

/**
 * The threats of a Threagile model, in this order:
 * - each risk identified by hand under `individual_risk_categories`, keyed by the risk id Threagile
 *   gives it (`<category>@<asset>@<link>@<boundary>@<runtime>@<data asset>`, the parts it names);
 * - each risk of `generated_risks_by_category`, which an analysed model exported by Threagile holds;
 * - each `risk_tracking` entry of a built-in category that no risk above answers: the team tracked it,
 *   so it is a threat of the model, on the technical assets its id names (none for `category@*`).
 * A risk's status is its tracking's: the entry with its exact id, else the first whose `*` parts match.
 */
export function readThreagileThreats(root: JsonObject, elements: ThreagileElements, reader: ModelReader): ModelThreat[] {
  const categories = readIndividualCategories(root, reader);
  const trackings = readTracking(root, reader);
  const threats = new Map<string, ModelThreat>();
  const answered = new Set<Tracking>();
  const add = (id: string, category: Category, title: string, componentKeys: string[], severity: Severity | null) => {
    if (threats.has(id)) return;
    const tracking = trackingOf(id, trackings);
    if (tracking !== null) answered.add(tracking);
    threats.set(id, toThreat(id, category, title, componentKeys, severity, tracking));
  };

  for (const category of categories.values()) {
    for (const risk of titledElements(category.element, 'risks_identified', category.pointer, 'an identified risk', reader)) {
      const relevant = mostRelevant(risk.element, risk.pointer, elements, reader);
      const breached = reader.strings(risk.element, 'data_breach_technical_assets', risk.pointer).filter((key, index) => known(key, elements.componentKeys, 'technical asset', childPointer(childPointer(risk.pointer, 'data_breach_technical_assets'), index), reader));
      const id = [category.category.id, ...relevant.parts].join('@');
      add(id, category.category, plainText(risk.title) ?? id, unique([...relevant.componentKeys, ...breached]), severityIn(risk.element, risk.pointer, reader));
    }
  }
  const listed = readListedCategories(root, reader);
  for (const [element, pointer] of generatedRisks(root, reader)) {
    const id = reader.requiredString(element, 'synthetic_id', pointer);
    const categoryId = reader.string(element, 'category', pointer)?.trim() || id?.split('@')[0];
    if (id === null || categoryId === undefined) continue;
    const category = categories.get(categoryId)?.category ?? listed.get(categoryId) ?? builtInCategory(categoryId);
    const asset = reader.string(element, 'most_relevant_technical_asset', pointer)?.trim();
    const componentKeys = [asset, ...reader.strings(element, 'data_breach_technical_assets', pointer)].filter((key): key is string => key !== undefined && elements.componentKeys.has(key));
    add(id, category, plainText(reader.string(element, 'title', pointer)) ?? category.title, unique(componentKeys), severityIn(element, pointer, reader));
  }
  for (const tracking of trackings) {
    const category = THREAGILE_RISK_CATEGORIES[tracking.id.split('@')[0]];
    if (answered.has(tracking) || category === undefined || threats.has(tracking.id)) continue;
    const named = tracking.id.split('@').slice(1).flatMap((part) => componentsNamedBy(part, elements));
    threats.set(tracking.id, toThreat(tracking.id, builtInCategory(tracking.id.split('@')[0]), category.title, unique(named), null, tracking));
  }
  return [...threats.values()];
}

function toThreat(key: string, category: Category, title: string, componentKeys: string[], severity: Severity | null, tracking: Tracking | null): ModelThreat {
  const status = tracking?.status ?? 'unchecked';
  const tracked = tracking === null ? null : `Tracked as ${tracking.status}${tracking.justification === null ? '' : `: ${tracking.justification}`}`;
  return {
    key,
    title,
    description: [category.description, tracked].filter((part) => part !== null).join('\n') || null,
    componentKeys,
    stride: category.stride,
    layer: null,
    cweIds: category.cweIds,
    severity,
    status: THREAT_STATUS[status],
    mitigations:
      category.mitigation === null ? [] : [{ key: `${category.id}/mitigation`, title: firstSentence(category.mitigation), description: category.mitigation, status: MITIGATION_STATUS[status] }],
  };
}

function readIndividualCategories(root: JsonObject, reader: ModelReader): Map<string, { category: Category; element: JsonObject; pointer: string }> {
  const categories = new Map<string, { category: Category; element: JsonObject; pointer: string }>();
  for (const { title, element, pointer } of titledElements(root, 'individual_risk_categories', '', 'a risk category', reader)) {
    const category = readCategory(element, pointer, title, categories, reader);
    if (category !== null) categories.set(category.id, { category, element, pointer });
  }
  return categories;
}

/** The model Threagile writes back after parsing lists every category it used, each with its title. */
function readListedCategories(root: JsonObject, reader: ModelReader): Map<string, Category> {
  const categories = new Map<string, Category>();
  for (const key of ['custom_risk_categories', 'built_in_risk_categories']) {
    for (const [element, pointer] of reader.objects(root, key, '', 'a risk category')) {
      const category = readCategory(element, pointer, reader.string(element, 'title', pointer) ?? '', categories, reader);
      if (category !== null) categories.set(category.id, category);
    }
  }
  return categories;
}

function readCategory(element: JsonObject, pointer: string, title: string, seen: { has(key: string): boolean }, reader: ModelReader): Category | null {
  const id = reader.identifier(element, 'id', pointer, seen);
  if (id === null) return null;
  const strideText = reader.string(element, 'stride', pointer);
  const stride = strideText === null ? null : strideOf(strideText);
  if (strideText !== null && stride === null) reader.problem(childPointer(pointer, 'stride'), `${JSON.stringify(strideText)} is not a STRIDE category`);
  const cwe = reader.number(element, 'cwe', pointer);
  return {
    id,
    title: plainText(title) ?? id,
    description: plainText(reader.string(element, 'description', pointer)),
    stride,
    cweIds: cwe !== null && Number.isInteger(cwe) && cwe > 0 ? [cwe] : [],
    mitigation: plainText(reader.string(element, 'mitigation', pointer)),
  };
}

function builtInCategory(id: string): Category {
  const known = THREAGILE_RISK_CATEGORIES[id];
  return { id, title: known?.title ?? id, description: null, stride: known?.stride ?? null, cweIds: known === undefined ? [] : [known.cwe], mitigation: null };
}

/** The parts of an identified risk's id, in Threagile's order, and the components they place it on. */
function mostRelevant(risk: JsonObject, pointer: string, elements: ThreagileElements, reader: ModelReader): { parts: string[]; componentKeys: string[] } {
  const value = (key: string) => reader.string(risk, key, pointer)?.trim() || null;
  const asset = value('most_relevant_technical_asset');
  const linkKey = value('most_relevant_communication_link');
  const boundary = value('most_relevant_trust_boundary');
  const runtime = value('most_relevant_shared_runtime');
  const data = value('most_relevant_data_asset');
  const componentKeys: string[] = [];
  if (asset !== null && known(asset, elements.componentKeys, 'technical asset', childPointer(pointer, 'most_relevant_technical_asset'), reader)) componentKeys.push(asset);
  if (linkKey !== null) {
    const link = elements.links.find((candidate) => candidate.key === linkKey);
    if (link === undefined) reader.problem(childPointer(pointer, 'most_relevant_communication_link'), `names communication link ${JSON.stringify(linkKey)}, which no technical asset has`);
    else componentKeys.push(link.sourceKey, link.targetKey);
  }
  if (data !== null) known(data, elements.dataAssetKeys, 'data asset', childPointer(pointer, 'most_relevant_data_asset'), reader);
  return { parts: [asset, linkKey, boundary, runtime, data].filter((part): part is string => part !== null), componentKeys };
}

function known(key: string, keys: ReadonlySet<string>, what: string, pointer: string, reader: ModelReader): boolean {
  if (keys.has(key)) return true;
  reader.problem(pointer, `names ${what} ${JSON.stringify(key)}, which the model does not define`);
  return false;
}

/** Threagile's severities run low, medium, elevated, high, critical; elevated is read as high. */
function severityIn(risk: JsonObject, pointer: string, reader: ModelReader): Severity | null {
  const text = reader.string(risk, 'severity', pointer)?.trim();
  if (!text) return null;
  const severity = text.toLowerCase() === 'elevated' ? 'high' : severityOf(text);
  if (severity === null) reader.problem(childPointer(pointer, 'severity'), `${JSON.stringify(text)} is not one of low, medium, elevated, high, critical`);
  return severity;
}

function readTracking(root: JsonObject, reader: ModelReader): Tracking[] {
  const trackings: Tracking[] = [];
  for (const { title, element, pointer } of titledElements(root, 'risk_tracking', '', 'the tracking of a risk', reader)) {
    const statusText = reader.string(element, 'status', pointer)?.trim().toLowerCase() ?? 'unchecked';
    if (!(TRACKING_STATUSES as readonly string[]).includes(statusText)) {
      reader.problem(childPointer(pointer, 'status'), `${JSON.stringify(statusText)} is not one of ${TRACKING_STATUSES.join(', ')}`);
      continue;
    }
    trackings.push({ id: title, status: statusText as TrackingStatus, justification: plainText(reader.string(element, 'justification', pointer)) });
  }
  return trackings;
}

/**
 * The exact entry, else the first pattern that matches part for part, `*` standing for any one part.
 * Compared part by part rather than as a regular expression, so that no pattern can make matching slow.
 */
function trackingOf(id: string, trackings: readonly Tracking[]): Tracking | null {
  const exact = trackings.find((tracking) => tracking.id === id);
  if (exact !== undefined) return exact;
  const parts = id.split('@');
  return (
    trackings.find((tracking) => {
      const pattern = tracking.id.split('@');
      return pattern.length === parts.length && pattern.includes('*') && pattern.every((part, index) => part === '*' || part === parts[index]);
    }) ?? null
  );
}

function generatedRisks(root: JsonObject, reader: ModelReader): Array<[JsonObject, string]> {
  const byCategory = reader.object(root, 'generated_risks_by_category', '');
  if (byCategory === null) return [];
  return Object.keys(byCategory).flatMap((category) => reader.objects(byCategory, category, '/generated_risks_by_category', 'a risk'));
}

/** A risk id's part names a technical asset, or a communication link (then both its ends). */
function componentsNamedBy(part: string, elements: ThreagileElements): string[] {
  if (elements.componentKeys.has(part)) return [part];
  const link = elements.links.find((candidate) => candidate.key === part);
  return link === undefined ? [] : [link.sourceKey, link.targetKey];
}

function firstSentence(text: string): string {
  const line = text.split('\n')[0];
  const end = line.search(/[.!?](\s|$)/);
  const sentence = end < 0 ? line : line.slice(0, end + 1);
  return sentence.length > 200 ? `${sentence.slice(0, 199)}…` : sentence;
}

function unique(keys: readonly string[]): string[] {
  return [...new Set(keys)];
}
