import { Injectable } from '@nestjs/common';
import type { TeamScope } from '../auth/principal';
import type { EntityManager } from 'typeorm';
import { FindingIngestRepository } from '../findings/finding-ingest.repository';
import type { FindingRecord } from '../findings/finding-record';
import type { ImportFormat, ImportParameters } from './import.dto';
import type { ImportOutcome } from './import-log.repository';
import { ImportSeenRepository } from './import-seen.repository';
import type { ReadContext } from './readers/import-reader';
import { readImport } from './readers/read-import';

const BATCH = 2_000;

/**
 * Reads an upload with its format's reader and stores it in batches inside the caller's transaction,
 * then, for a full scan, closes what the scan no longer reports. Memory holds two batches whatever the
 * file's size: which findings the upload contained is kept in the database (ImportSeenRepository).
 */
@Injectable()
export class ImportRunner {
  constructor(
    private readonly ingest: FindingIngestRepository,
    private readonly seen: ImportSeenRepository,
  ) {}

  /** `teams`: the sender's team scope; the whole import is refused if it names another team's service. */
  async run(manager: EntityManager, importId: string, format: ImportFormat, context: ReadContext, teams: TeamScope): Promise<ImportOutcome> {
    const tools = new Set<string>();
    const findings = readImport(format, context, tools);
    await this.seen.open(manager);
    let batch: FindingRecord[] = [];
    let received = 0;
    let suppressed = 0;
    // The file is read on while the database stores the batch before: one batch is stored at a time, in
    // order, and the next is parsed meanwhile instead of after.
    let storing: Promise<void> | null = null;
    const store = async (records: FindingRecord[]) => {
      if (storing) await storing;
      storing = this.ingest.upsert(manager, records, importId, teams).then((outcome) => {
        received += outcome.received;
        return this.seen.add(manager, outcome);
      });
      // Awaited before the next batch or at the end; a failure is not left unhandled while the file is read on.
      storing.catch(() => undefined);
    };
    try {
      for await (const { record, suppressed: isSuppressed } of findings) {
        batch.push(record);
        if (isSuppressed) suppressed += 1;
        if (batch.length >= BATCH) {
          await store(batch);
          batch = [];
        }
        if (record.tool && format !== 'sarif') tools.add(record.tool);
      }
      if (batch.length) await store(batch);
      if (storing) await storing;
    } catch (error) {
      // A refused file or a failed batch: the transaction is not given back while a batch is still being stored.
      await (storing as Promise<void> | null)?.catch(() => undefined);
      throw error;
    }
    const fixed = context.parameters.fullScan ? await this.closeMissing(manager, context.parameters, [...tools], context.receivedAt) : 0;
    return { ...(await this.seen.counts(manager, received)), suppressed, fixed, tools: [...tools].sort(), warnings: context.warnings.list() };
  }

  /**
   * A full scan of a service by some tools reports everything those tools still see there: their open
   * findings it does not contain are fixed. Identity is the fingerprint, which ignores line numbers, so
   * a finding that merely moved is still contained and stays open.
   */
  private async closeMissing(manager: EntityManager, parameters: ImportParameters, tools: string[], receivedAt: Date): Promise<number> {
    if (!parameters.service || tools.length === 0) return 0;
    return this.seen.fixUnseen(manager, parameters.service, tools, parameters.detectedAt ?? receivedAt.toISOString());
  }
}
