import { classifyFinding, type ClassificationInput, type DetectionStage, type FindingClassification, type FindingClass, type FindingStatus, type PwnismsLayer, type Severity, type SourceKind, type WorkspaceRule } from '@escapement/domain';

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
 * The built-in rules' verdicts by what they read (source kind, tool, rule id, CWE ids): a scan repeats a
 * few hundred rules over thousands of results, and classifying afresh was a fifth of the API's time per
 * finding. Workspace rules change at any time and are not kept here.
 */
const builtInVerdicts = new Map<string, FindingClassification>();
const BUILT_IN_VERDICTS_KEPT = 20_000;

function classify(input: ClassificationInput, workspaceRules: readonly WorkspaceRule[]): FindingClassification {
  if (workspaceRules.length) return classifyFinding(input, { workspaceRules });
  // Text fields hold no NUL here (storable), so NUL separates them; null and '' are told apart.
  const key = `${input.sourceKind}\u0000${input.tool === null ? '\u0000' : `=${input.tool}`}\u0000${input.ruleId === null ? '\u0000' : `=${input.ruleId}`}\u0000${input.cweIds.join(',')}`;
  let verdict = builtInVerdicts.get(key);
  if (!verdict) {
    if (builtInVerdicts.size >= BUILT_IN_VERDICTS_KEPT) builtInVerdicts.clear();
    verdict = classifyFinding(input);
    builtInVerdicts.set(key, verdict);
  }
  return verdict;
}

/**
 * Every stored sighting carries the class the domain rules give it, with the rule and the reason, and
 * only text PostgreSQL can store.
 *
 * The record is written out field by field, not spread and extended: V8 gives a spread copy no room for
 * the five classification fields, and adding them made each record cost ~30 µs and a slow object shape
 * (a third of the API's CPU per 1,000 JSON findings); a literal of fixed shape costs about 1 µs.
 */
export function withClassification(unsafe: UnclassifiedRecord, workspaceRules: readonly WorkspaceRule[] = []): FindingRecord {
  let nulReplacedIn: string[] | undefined;
  for (const field of TEXT_FIELDS) {
    const text = unsafe[field];
    if (text !== null && text.includes('\u0000')) (nulReplacedIn ??= []).push(field);
  }
  const text = <T extends string | null>(value: T): T => (nulReplacedIn ? storable(value) : value);
  const tool = text(unsafe.tool);
  const ruleId = text(unsafe.ruleId);
  const classification = classify({ cweIds: unsafe.cweIds, ruleId, tool, sourceKind: unsafe.sourceKind }, workspaceRules);
  return {
    serviceName: text(unsafe.serviceName),
    fingerprint: text(unsafe.fingerprint),
    title: text(unsafe.title),
    severity: unsafe.severity,
    cweIds: unsafe.cweIds,
    ruleId,
    tool,
    sourceKind: unsafe.sourceKind,
    repo: text(unsafe.repo),
    path: text(unsafe.path),
    line: unsafe.line,
    introducedAt: unsafe.introducedAt,
    introducedCommit: unsafe.introducedCommit,
    changeRef: unsafe.changeRef,
    status: unsafe.status,
    scannerState: unsafe.scannerState,
    stage: unsafe.stage,
    detectedAt: unsafe.detectedAt,
    commitSha: text(unsafe.commitSha),
    findingClass: classification.findingClass,
    category: classification.category,
    classRule: classification.rule,
    classReason: classification.reason,
    layer: classification.layer ?? null,
    nulReplacedIn,
  };
}
