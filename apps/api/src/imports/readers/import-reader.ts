import type { ImportWarnings } from '@escapement/domain';
import type { FindingRecord } from '../../findings/finding-record';
import type { ImportParameters } from '../import.dto';

/** What every format reader needs besides the file: the upload-wide defaults and the time of receipt. */
export interface ReadContext {
  file: string;
  parameters: ImportParameters;
  receivedAt: Date;
  /** What was accepted but changed on the way in; readers add to it, the import record keeps it. */
  warnings: ImportWarnings;
}

/** A format reader yields stored-ready sightings one at a time, so memory does not grow with the file. */
export interface ReadFinding {
  record: FindingRecord;
  suppressed: boolean;
}
