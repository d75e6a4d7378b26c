import { Injectable } from '@nestjs/common';
import { Counter, Histogram } from 'prom-client';
import { OperationsRegistry } from './operations-registry';

/** How an import ended: stored whole, or refused and nothing of it stored. */
export type ImportEnd = 'completed' | 'failed';

/** Distinct findings an import stored, by what it did to each. */
export interface IngestedFindings {
  created: number;
  updated: number;
  unchanged: number;
}

/** Seconds; an upload of a few findings takes milliseconds, a large background scan minutes. */
const IMPORT_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];

/** Findings ingested and how long imports take, counted once their transaction has committed or failed for good. */
@Injectable()
export class IngestMetrics {
  private readonly findings: Counter<'format' | 'outcome'>;
  private readonly duration: Histogram<'format' | 'status'>;

  constructor(operations: OperationsRegistry) {
    const registers = [operations.registry];
    this.findings = new Counter({
      name: 'escapement_findings_ingested_total',
      help: 'Distinct findings stored by imports, by file format and outcome (new, updated, unchanged)',
      labelNames: ['format', 'outcome'],
      registers,
    });
    this.duration = new Histogram({
      name: 'escapement_import_duration_seconds',
      help: 'Time to store an import (read, upsert, commit), by format and final status',
      labelNames: ['format', 'status'],
      buckets: IMPORT_BUCKETS,
      registers,
    });
  }

  /** Starts timing an import; call the returned function once with how it ended. */
  startImport(format: string): (status: ImportEnd, stored?: IngestedFindings) => void {
    const stop = this.duration.startTimer({ format });
    return (status, stored) => {
      stop({ status });
      if (status === 'completed' && stored) {
        this.findings.inc({ format, outcome: 'new' }, stored.created);
        this.findings.inc({ format, outcome: 'updated' }, stored.updated);
        this.findings.inc({ format, outcome: 'unchanged' }, stored.unchanged);
      }
    };
  }
}
