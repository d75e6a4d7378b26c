import { ImportWarnings } from '@escapement/domain';
import type { EntityManager } from 'typeorm';
import type { AuditLog } from '../audit/audit-log.repository';
import type { ImportFormat, ImportParameters } from './import.dto';
import type { ImportOutcome } from './import-log.repository';
import type { ReadContext } from './readers/import-reader';

/** Byte sequences of an upload that are not UTF-8, counted while it was received. */
export type InvalidUtf8 = { count: number; firstLine: number } | null;

/** What a reader needs, with the warnings the upload already earned while it was received. */
export function readContext(file: string, invalidUtf8: InvalidUtf8, parameters: ImportParameters, receivedAt: Date): ReadContext {
  const warnings = new ImportWarnings();
  if (invalidUtf8) {
    const { count, firstLine } = invalidUtf8;
    warnings.add({
      code: 'invalid_utf8_replaced',
      line: firstLine,
      message: `${count} byte sequence${count === 1 ? ' is' : 's are'} not UTF-8 and ${count === 1 ? 'was' : 'were'} read as U+FFFD; the first is on line ${firstLine}`,
    });
  }
  return { file, parameters, receivedAt, warnings };
}

/** Every stored import is an audit event, in the transaction that stored it. */
export function auditImport(audit: AuditLog, manager: EntityManager, id: string, actor: string, format: ImportFormat, outcome: ImportOutcome): Promise<void> {
  const { received, created, updated, unchanged, suppressed, fixed } = outcome;
  return audit.record(manager, { actor, action: 'import.completed', subjectType: 'import', subjectId: id, details: { format, received, created, updated, unchanged, suppressed, fixed: fixed ?? 0 } });
}
