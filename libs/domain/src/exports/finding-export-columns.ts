import type { FindingDto } from '../api/findings';
import { isEscape, type DetectionStage } from '../model/detection-stage';
import type { ExportTable } from './export-table';

/** A finding as exports write it: the list's fields and what a spreadsheet reader needs beside them. */
export interface ExportedFinding extends FindingDto {
  teamName: string | null;
}


const date = (iso: string | null) => (iso === null ? null : new Date(iso));

/**
 * The columns of a findings export, in order; `escaped` is judged at `boundary`. docs/exports.md names
 * each of them; a change here is a change of the file format people's spreadsheets depend on.
 */
export function findingExportTable(boundary: DetectionStage): ExportTable<ExportedFinding> {
  return { sheet: 'Findings', columns: [
  { header: 'id', type: 'text', width: 38, value: (f) => f.id },
  { header: 'fingerprint', type: 'text', width: 30, value: (f) => f.fingerprint },
  { header: 'title', type: 'text', width: 60, value: (f) => f.title },
  { header: 'severity', type: 'text', width: 10, value: (f) => f.severity },
  { header: 'class', type: 'text', width: 13, value: (f) => f.findingClass },
  { header: 'class_reason', type: 'text', width: 40, value: (f) => f.classReason },
  { header: 'category', type: 'text', width: 18, value: (f) => f.category },
  { header: 'layer', type: 'text', width: 14, value: (f) => f.layer },
  { header: 'first_detected_stage', type: 'text', width: 14, value: (f) => f.firstDetectedStage },
  { header: 'escaped', type: 'boolean', width: 9, value: (f) => isEscape(f.firstDetectedStage, boundary) },
  { header: 'gap', type: 'text', width: 13, value: (f) => f.gap },
  { header: 'first_detected_at', type: 'date', width: 20, value: (f) => date(f.firstDetectedAt) },
  { header: 'introduced_at', type: 'date', width: 20, value: (f) => date(f.introducedAt) },
  { header: 'introduced_commit', type: 'text', width: 14, value: (f) => f.introducedCommit },
  { header: 'status', type: 'text', width: 14, value: (f) => f.status },
  { header: 'source_kind', type: 'text', width: 14, value: (f) => f.sourceKind },
  { header: 'tool', type: 'text', width: 16, value: (f) => f.tool },
  { header: 'rule_id', type: 'text', width: 24, value: (f) => f.ruleId },
  { header: 'cwe_ids', type: 'text', width: 12, value: (f) => f.cweIds.map((id) => `CWE-${id}`).join(' ') || null },
  { header: 'service', type: 'text', width: 20, value: (f) => f.serviceName },
  { header: 'team', type: 'text', width: 16, value: (f) => f.teamName },
  { header: 'repo', type: 'text', width: 30, value: (f) => f.location.repo },
  { header: 'path', type: 'text', width: 40, value: (f) => f.location.path },
  { header: 'line', type: 'number', width: 7, value: (f) => f.location.line },
  ] };
}
