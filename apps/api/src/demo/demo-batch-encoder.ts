import type { GlobLimits, WorkspaceRule } from '@escapement/domain';
import { v7 as timeOrderedId } from 'uuid';
import { arrayLiteral } from '../common/sql';
import { findingKey, mergeSightings } from '../findings/finding-batch';
import { newDetectionArrays, newFindingArrays } from '../findings/finding-ingest.repository';
import { withClassification, type FindingRecord } from '../findings/finding-record';
import type { AutoLink } from '../links/finding-links.repository';
import { autoLinksOfFinding, modelSnapshots, type LatestModelRows, type ModelSnapshot } from '../links/model-snapshots';

/**
 * What every batch of one bulk load is classified, linked and keyed by, read once when staging begins (the
 * load holds the rules and threat models unchanged until it commits): plain data, so that the batches can be
 * encoded on another thread.
 */
export interface BulkStagingPlan {
  rules: WorkspaceRule[];
  models: LatestModelRows;
  glob: GlobLimits;
  /** The id of every service of the organisation, by name: stored before the findings. */
  serviceIds: [name: string, id: string][];
}

/**
 * Findings' link sets kept by what decides them: a demo's findings come from a few thousand files, so
 * almost every finding's links are those of one met before (matching each against the components' globs was
 * a tenth of the encoding's time). Forgotten all at once past this many, to bound the memory.
 */
const LINK_SETS_KEPT = 50_000;

/** The import each batch's detections name, filled in by the thread that opens it (`withImport`). */
const IMPORT_PLACEHOLDER = '';
const IMPORT_PARAMETER = 5;

/**
 * One batch's rows as the parameters of its staging statements: findings with the ids they are stored
 * with, their detections (but for the import, opened when the batch is staged) and their automatic links.
 * Only strings, so that passing a batch between threads copies text rather than objects.
 */
export interface EncodedBatch {
  /** Sightings the batch was made of, and the findings they merged into. */
  received: number;
  created: number;
  findings: string[];
  detections: string[];
  links: string[] | null;
  /** Demo findings generated up to the end of this batch, for progress. */
  through: number;
}

/** The detections' parameters naming the import that stages them. */
export function withImport(detections: readonly string[], importId: string): string[] {
  return detections.map((value, i) => (i === IMPORT_PARAMETER ? importId : value));
}

/**
 * Turns sightings into a batch's staging parameters as ingest would store them (classified by the workspace's
 * rules, merged by service and fingerprint, linked to the components of the latest threat models), with
 * time-ordered ids made here as the database would make them, so that a batch's findings, detections and
 * links are staged without waiting for the findings' ids.
 */
export class DemoBatchEncoder {
  private readonly models: Map<string, ModelSnapshot[]>;
  private readonly serviceIds: ReadonlyMap<string, string>;
  /** The links of a finding with no id yet, by its service, repo, path, CWEs and category. */
  private readonly linkSets = new Map<string, readonly AutoLink[]>();

  constructor(private readonly plan: BulkStagingPlan) {
    this.models = modelSnapshots(plan.models, plan.glob);
    this.serviceIds = new Map(plan.serviceIds);
  }

  encode(sightings: readonly FindingRecord[], through: number): EncodedBatch {
    const records = this.plan.rules.length ? sightings.map((r) => withClassification(r, this.plan.rules)) : sightings;
    const { findings, detections } = mergeSightings(records);
    const ids = new Map<string, string>();
    const links: AutoLink[] = [];
    for (const finding of findings) {
      const id = timeOrderedId();
      const serviceId = this.serviceIds.get(finding.serviceName);
      if (serviceId === undefined) throw new Error(`A demo finding names a service the organisation does not hold: ${finding.serviceName}`);
      ids.set(findingKey(finding.serviceName, finding.fingerprint), id);
      if (this.models.size) for (const link of this.linkSet(serviceId, finding)) links.push({ ...link, finding: id });
    }
    return {
      received: records.length,
      created: findings.length,
      findings: [...newFindingArrays(findings, this.serviceIds), arrayLiteral([...ids.values()])],
      detections: newDetectionArrays(
        detections,
        detections.map((d) => ids.get(d.key)!),
        IMPORT_PLACEHOLDER,
      ),
      links: links.length
        ? [arrayLiteral(links.map((l) => l.finding)), arrayLiteral(links.map((l) => l.model)), arrayLiteral(links.map((l) => l.component)), arrayLiteral(links.map((l) => l.threat))]
        : null,
      through,
    };
  }

  /** The links a finding of this service, repo, path, CWEs and category gets, without its id. */
  private linkSet(serviceId: string, finding: FindingRecord): readonly AutoLink[] {
    // A null is told from any text by the mark each value starts with; NUL, the separator, is never stored in a text.
    const mark = (value: string | null) => (value === null ? '-' : `+${value}`);
    const key = [serviceId, mark(finding.repo), mark(finding.path), finding.cweIds.join(','), finding.category].join('\u0000');
    let set = this.linkSets.get(key);
    if (set === undefined) {
      const found: AutoLink[] = [];
      autoLinksOfFinding(this.models, { id: '', service_id: serviceId, service: finding.serviceName, repo: finding.repo, path: finding.path, cwe_ids: finding.cweIds, category: finding.category }, found);
      if (this.linkSets.size >= LINK_SETS_KEPT) this.linkSets.clear();
      this.linkSets.set(key, (set = found));
    }
    return set;
  }
}
