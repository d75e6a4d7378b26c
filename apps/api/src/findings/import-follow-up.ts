import { Injectable } from '@nestjs/common';
import { IngestMetrics, type ImportEnd, type IngestedFindings } from '../operations-metrics/ingest-metrics';
import { SearchCatchUp } from './search-catch-up';

/**
 * What follows every upload's transaction, whichever path stored it (a JSON body, a file stored at once, a
 * file stored by the import worker): its duration and counts measured, and once its findings have
 * committed, the text search catching up with them.
 */
@Injectable()
export class ImportFollowUp {
  constructor(
    private readonly metrics: IngestMetrics,
    private readonly searchCatchUp: SearchCatchUp,
  ) {}

  /** Starts timing an import; call the returned function once, when it has committed or failed for good. */
  begin(format: string): (status: ImportEnd, stored?: IngestedFindings) => void {
    const finish = this.metrics.startImport(format);
    return (status, stored) => {
      finish(status, stored);
      if (status === 'completed') this.searchCatchUp.afterUpload();
    };
  }
}
