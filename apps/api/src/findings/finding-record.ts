import { classifyFinding, type DetectionStage, type FindingClass, type FindingStatus, type PwnismsLayer, type Severity, type SourceKind, type WorkspaceRule } from '@escapement/domain';

/** One sighting of a finding, normalised from any input format and ready to store. */
export interface FindingRecord {
  serviceName: string;
  fingerprint: string;
  title: string;
  severity: Severity;
  cweIds: number[];
  ruleId: string | null;
  tool: string | null;
  sourceKind: SourceKind;
  repo: string | null;
  path: string | null;
  line: number | null;
  introducedAt: Date | null;
  /** The commit that introduced the flaw (lowercase hex), when known. */
  introducedCommit: string | null;
  /** The change ref the sender says introduced it (a later send that names none keeps the stored one). */
  changeRef?: string | null;
  /** Null keeps the stored status (a re-sent sighting does not reopen or close anything). */
  status: FindingStatus | null;
  /**
   * What a scanner says of the finding now: `present` reopens it if it was marked fixed or suppressed by
   * a scan; `suppressed` suppresses an open one. People's decisions (accepted risk, false positive) stay.
   */
  scannerState?: 'present' | 'suppressed';
  findingClass: FindingClass;
  category: string;
  classRule: string;
  classReason: string;
  layer: PwnismsLayer | null;
  stage: DetectionStage;
  detectedAt: Date;
  commitSha: string | null;
  /** The fields whose NUL characters were stored as U+FFFD (absent when none), for the import's warnings. */
  nulReplacedIn?: string[];
}

export interface UpsertCounts {
  received: number;
  created: number;
  updated: number;
  unchanged: number;
}

export type UnclassifiedRecord = Omit<FindingRecord, 'findingClass' | 'category' | 'classRule' | 'classReason' | 'layer' | 'nulReplacedIn'>;

const TEXT_FIELDS = ['serviceName', 'fingerprint', 'title', 'ruleId', 'tool', 'repo', 'path', 'commitSha'] as const;

/** PostgreSQL text cannot hold NUL; tools do emit it (binary snippets), so it becomes U+FFFD. */
function storable<T extends string | null>(text: T): T {
  return (text === null ? null : text.replace(/\u0000/g, '\uFFFD')) as T;
}

/**
 * Every stored sighting carries the class the domain rules give it, with the rule and the reason, and
 * only text PostgreSQL can store.
 */
export function withClassification(unsafe: UnclassifiedRecord, workspaceRules: readonly WorkspaceRule[] = []): FindingRecord {
  const record: UnclassifiedRecord = { ...unsafe };
  const nulReplacedIn: string[] = [];
  for (const field of TEXT_FIELDS) {
    const text = unsafe[field];
    if (text === null || !text.includes('\u0000')) continue;
    nulReplacedIn.push(field);
    (record as Record<(typeof TEXT_FIELDS)[number], string | null>)[field] = storable(text);
  }
  const classification = classifyFinding({ cweIds: record.cweIds, ruleId: record.ruleId, tool: record.tool, sourceKind: record.sourceKind }, { workspaceRules });
  return {
    ...record,
    findingClass: classification.findingClass,
    category: classification.category,
    classRule: classification.rule,
    classReason: classification.reason,
    layer: classification.layer ?? null,
    ...(nulReplacedIn.length ? { nulReplacedIn } : {}),
  };
}
