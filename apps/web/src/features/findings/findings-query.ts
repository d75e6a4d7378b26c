import {
  FINDING_CLASSES,
  FINDING_STATUSES,
  isDetectionStage,
  SEVERITIES,
  type DetectionStage,
  type FindingClass,
  type FindingStatus,
  type Severity,
} from '@escapement/domain';
import type { QueryParams } from '../../lib/api-client';
import { isFindingGap, type FindingGap } from '../../lib/finding-labels';
import { isIsoDate } from '../../lib/iso-date';
import { dayAfter } from '../../lib/periods';

export const FINDING_SORTS = ['detected', 'severity', 'stage', 'title'] as const;
export type FindingSort = (typeof FINDING_SORTS)[number];
export type SortOrder = 'asc' | 'desc';

/**
 * What the findings table shows. It lives in the URL, so a copied link opens the same rows; null
 * means "no restriction". Dates are inclusive, as people pick them.
 */
export interface FindingsQuery {
  team: string | null;
  service: string | null;
  /** Stage of the first detection in time. */
  stage: DetectionStage | null;
  severity: Severity | null;
  findingClass: FindingClass | null;
  category: string | null;
  status: FindingStatus | null;
  escaped: boolean | null;
  /** Decides `escaped`, both the filter and the column. */
  boundary: DetectionStage;
  gap: FindingGap | null;
  cwe: number | null;
  q: string | null;
  from: string | null;
  to: string | null;
  sort: FindingSort;
  order: SortOrder;
}

export const DEFAULT_BOUNDARY: DetectionStage = 'ci';

/**
 * The order a column sorts in when first chosen: the newest, the gravest and the latest-caught first,
 * because those are what people come to the table for; titles alphabetically.
 */
export const DEFAULT_ORDER: Record<FindingSort, SortOrder> = {
  detected: 'desc',
  severity: 'desc',
  stage: 'desc',
  title: 'asc',
};

export const DEFAULT_FINDINGS_QUERY: FindingsQuery = {
  team: null,
  service: null,
  stage: null,
  severity: null,
  findingClass: null,
  category: null,
  status: null,
  escaped: null,
  boundary: DEFAULT_BOUNDARY,
  gap: null,
  cwe: null,
  q: null,
  from: null,
  to: null,
  sort: 'detected',
  order: DEFAULT_ORDER.detected,
};

/** URL parameter names; `class` is a reserved word in code, so the field is `findingClass`. */
const PARAMS = [
  'team',
  'service',
  'stage',
  'severity',
  'class',
  'category',
  'status',
  'escaped',
  'boundary',
  'gap',
  'cwe',
  'q',
  'from',
  'to',
  'sort',
  'order',
  'cursor',
] as const;

function text(params: URLSearchParams, name: string): string | null {
  const value = params.get(name)?.trim();
  return value ? value : null;
}

function oneOf<T extends string>(values: readonly T[], value: string | null): T | null {
  return value !== null && (values as readonly string[]).includes(value) ? (value as T) : null;
}

/** "79", "CWE-79" and "cwe 79" all name CWE-79; anything else is no CWE filter. */
export function parseCweId(value: string | null): number | null {
  const match = value?.trim().match(/^(?:cwe[-\s]?)?(\d{1,6})$/i);
  if (!match) return null;
  const id = Number(match[1]);
  return id >= 1 && id <= 100_000 ? id : null;
}

/**
 * Reads the query from a URL. A hand-edited or outdated link degrades to "no restriction" for each
 * value it cannot read, rather than showing an error instead of findings.
 */
export function parseFindingsQuery(params: URLSearchParams): FindingsQuery {
  const boundary = text(params, 'boundary');
  const escaped = text(params, 'escaped');
  const sort = oneOf(FINDING_SORTS, text(params, 'sort')) ?? DEFAULT_FINDINGS_QUERY.sort;
  let from = text(params, 'from');
  let to = text(params, 'to');
  if (from !== null && !isIsoDate(from)) from = null;
  if (to !== null && !isIsoDate(to)) to = null;
  if (from !== null && to !== null && from > to) [from, to] = [to, from];
  const stage = text(params, 'stage');
  const gap = text(params, 'gap');
  return {
    team: text(params, 'team'),
    service: text(params, 'service'),
    stage: isDetectionStage(stage) ? stage : null,
    severity: oneOf(SEVERITIES, text(params, 'severity')),
    findingClass: oneOf(FINDING_CLASSES, text(params, 'class')),
    category: text(params, 'category'),
    status: oneOf(FINDING_STATUSES, text(params, 'status')),
    escaped: escaped === 'true' ? true : escaped === 'false' ? false : null,
    boundary: isDetectionStage(boundary) ? boundary : DEFAULT_BOUNDARY,
    gap: isFindingGap(gap) ? gap : null,
    cwe: parseCweId(text(params, 'cwe')),
    q: text(params, 'q'),
    from,
    to,
    sort,
    order: oneOf(['asc', 'desc'] as const, text(params, 'order')) ?? DEFAULT_ORDER[sort],
  };
}

/** The query as URL parameters, defaults left out so that the plain URL and the default view are one. */
export function findingsSearchParams(query: FindingsQuery): URLSearchParams {
  const params = new URLSearchParams();
  const set = (name: string, value: string | number | boolean | null) => {
    if (value !== null && value !== '') params.set(name, String(value));
  };
  set('team', query.team);
  set('service', query.service);
  set('stage', query.stage);
  set('severity', query.severity);
  set('class', query.findingClass);
  set('category', query.category);
  set('status', query.status);
  set('escaped', query.escaped);
  if (query.boundary !== DEFAULT_BOUNDARY) set('boundary', query.boundary);
  set('gap', query.gap);
  set('cwe', query.cwe);
  set('q', query.q);
  set('from', query.from);
  set('to', query.to);
  if (query.sort !== DEFAULT_FINDINGS_QUERY.sort) set('sort', query.sort);
  if (query.order !== DEFAULT_ORDER[query.sort]) set('order', query.order);
  return params;
}

/**
 * Writes the query into a copy of `current`. Parameters of other owners stay; the page cursor goes,
 * because a new filter or sort starts again at the first page.
 */
export function writeFindingsQuery(current: URLSearchParams, query: FindingsQuery): URLSearchParams {
  const next = new URLSearchParams(current);
  for (const name of PARAMS) next.delete(name);
  for (const [name, value] of findingsSearchParams(query)) next.set(name, value);
  return next;
}

/** A link to the findings table with the given restrictions, for other pages to point at. */
export function findingsHref(query: Partial<FindingsQuery>): string {
  const search = findingsSearchParams({ ...DEFAULT_FINDINGS_QUERY, ...query }).toString();
  return search ? `/findings?${search}` : '/findings';
}

/** Whether anything but the sort narrows the rows, which changes what an empty table means. */
export function narrowsFindings(query: FindingsQuery): boolean {
  const { sort: _sort, order: _order, boundary: _boundary, ...filters } = query;
  return Object.values(filters).some((value) => value !== null);
}

/**
 * The API's query parameters. The API's `to` is exclusive while people pick the last day they want;
 * the boundary is sent only with an escape filter, since the table works out the escaped column itself
 * and a changed boundary alone need not refetch the rows.
 */
export function findingsApiParams(query: FindingsQuery, cursor: string | null, limit: number): QueryParams {
  return {
    team: query.team,
    service: query.service,
    stage: query.stage,
    severity: query.severity,
    class: query.findingClass,
    category: query.category,
    status: query.status,
    escaped: query.escaped === null ? null : String(query.escaped),
    boundary: query.escaped === null ? null : query.boundary,
    gap: query.gap,
    cwe: query.cwe,
    q: query.q,
    from: query.from,
    to: query.to === null ? null : dayAfter(query.to),
    sort: query.sort,
    order: query.order,
    limit,
    cursor,
  };
}

/** The page's cursor from the URL; absent on the first page. */
export function readCursor(params: URLSearchParams): string | null {
  return text(params, 'cursor');
}

export function withCursor(current: URLSearchParams, cursor: string | null): URLSearchParams {
  const next = new URLSearchParams(current);
  if (cursor === null) next.delete('cursor');
  else next.set('cursor', cursor);
  return next;
}
