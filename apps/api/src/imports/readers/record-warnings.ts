import type { ImportWarnings } from '@escapement/domain';
import type { FindingRecord } from '../../findings/finding-record';

/** The API's names for the record's text fields, as a person sending the file knows them. */
const FIELD_NAMES: Record<string, string> = { serviceName: 'service', commitSha: 'commit' };

/** A record whose text had NUL characters (stored as U+FFFD) is said so, with where it was read. */
export function warnReplacedNul(warnings: ImportWarnings, record: FindingRecord, where: { pointer?: string; line?: number }): void {
  if (!record.nulReplacedIn) return;
  const fields = record.nulReplacedIn.map((field) => FIELD_NAMES[field] ?? field).join(', ');
  warnings.add({ code: 'nul_replaced', message: `NUL characters in ${fields} were stored as U+FFFD: PostgreSQL text cannot hold them`, ...where });
}
