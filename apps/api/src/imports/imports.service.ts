import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { detectFormat, ImportWarnings } from '@escapement/domain';
import type { Request } from 'express';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditLog } from '../audit/audit-log';
import { actorOf, type Principal } from '../auth/principal';
import { DomainError, invalid, notFound } from '../common/domain-error';
import { decodeCursor, encodeCursor, isCursorTimestamp } from '../common/page-cursor';
import { validateParameters } from '../common/validation';
import { checkServiceWritable } from '../services/service-ownership';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ImportParameters, mapImport, type ImportFormat, type ImportPageResponse, type ImportResponse } from './import.dto';
import { ImportLogRepository, type ImportOutcome } from './import-log.repository';
import { importSender, type ImportViewer } from './import-viewer';
import { ImportQueue } from './import-queue';
import { ImportRunner } from './import-runner';
import type { ReadContext } from './readers/import-reader';
import { UploadBudget, type UploadHold } from './upload-budget';
import { spoolUpload, type SpooledUpload } from './upload-spool';

@Injectable()
export class ImportsService implements OnApplicationBootstrap {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly log: ImportLogRepository,
    private readonly runner: ImportRunner,
    private readonly queue: ImportQueue,
    private readonly audit: AuditLog,
    private readonly budget: UploadBudget,
  ) {}

  /** Imports a previous process was running when it died were rolled back with it: record that. */
  async onApplicationBootstrap(): Promise<void> {
    await this.log.failInterrupted();
  }

  /**
   * Small uploads are stored before answering (201). Large ones are answered at once (202) and stored in
   * the background, so no pipeline's HTTP request times out; the answer says where to poll.
   */
  async receive(request: Request, query: Record<string, unknown>, sender: Principal): Promise<{ status: 201 | 202; body: ImportResponse }> {
    const upload = await spoolUpload(request, { maxBytes: this.config.maxBodyBytes, maxInflationRatio: 200, hold: this.holdFor(request, sender) });
    try {
      const parameters = validateParameters(ImportParameters, { ...upload.fields, ...query }, 'upload parameters');
      const format = parameters.format ?? detectFormat(upload.head, upload.fileName ?? undefined);
      if (!format) {
        throw invalid('The file format cannot be recognised: send SARIF 2.1.0, a JSON array of findings, or CSV with a header row (or name it with `format`)', [
          { parameter: 'format', message: 'not detected' },
        ]);
      }
      if (format === 'sarif' && !parameters.service) {
        throw invalid('A SARIF upload needs the `service` it scanned', [{ parameter: 'service', message: 'required for SARIF' }]);
      }
      if (parameters.fullScan && !parameters.service) {
        throw invalid('A full scan needs the `service` it covers', [{ parameter: 'service', message: 'required with fullScan' }]);
      }
      // Refused at once when the service is named up front; services named inside the file, as they are stored.
      if (parameters.service) await checkServiceWritable(this.dataSource, parameters.service, sender.teams);
      const receipt = {
        format,
        stage: parameters.stage ?? null,
        receivedBy: actorOf(sender),
        fileName: upload.fileName ?? parameters.fileName ?? null,
        contentSha256: upload.sha256,
        serviceName: parameters.service ?? null,
        bytes: upload.bytes,
        repo: parameters.repo ?? null,
        commitSha: parameters.commit ?? null,
        fullScan: parameters.fullScan ?? false,
        sender: importSender(sender),
      };
      const receivedAt = new Date();
      if (upload.bytes > this.config.backgroundImportBytes) {
        const id = await this.dataSource.transaction((manager) => this.log.open(manager, receipt));
        this.queue.enqueue(id, () => this.processInBackground(id, format, upload, parameters, receivedAt, sender));
        return { status: 202, body: mapImport((await this.log.find(id))!) };
      }
      const id = await this.dataSource.transaction(async (manager) => {
        const importId = await this.log.open(manager, receipt);
        const outcome = await this.runner.run(manager, importId, format, readContext(upload, parameters, receivedAt), sender.teams);
        await this.log.complete(manager, importId, outcome);
        await this.recordImport(manager, importId, receipt.receivedBy, format, outcome);
        return importId;
      });
      upload.discard();
      return { status: 201, body: mapImport((await this.log.find(id))!) };
    } catch (error) {
      upload.discard();
      throw error;
    }
  }

  /** The upload's share of the queue's disk bounds; a sender already at its bound is refused before any byte is read. */
  private holdFor(request: Request, sender: Principal): UploadHold {
    const plain = !request.headers['content-encoding'] && !/^multipart\//i.test(request.headers['content-type'] ?? '');
    const announced = plain ? Number(request.headers['content-length']) || 0 : 0;
    try {
      return this.budget.open(`${sender.kind}:${sender.id}`, announced);
    } catch (error) {
      request.resume();
      throw error;
    }
  }

  async get(id: string, viewer: ImportViewer): Promise<ImportResponse> {
    const row = await this.log.findVisible(id, viewer);
    if (!row) throw notFound('Import', id);
    return mapImport(row);
  }

  async list(limit: number, cursor: string | undefined, viewer: ImportViewer): Promise<ImportPageResponse> {
    const before = decodeCursor(cursor, isCursorTimestamp);
    const rows = await this.log.list(limit + 1, before, viewer);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(mapImport),
      nextCursor: rows.length > limit && last ? encodeCursor({ at: last.cursor_at, id: last.id }) : null,
    };
  }

  private async processInBackground(id: string, format: ImportFormat, upload: SpooledUpload, parameters: ImportParameters, receivedAt: Date, sender: Principal): Promise<void> {
    try {
      await this.dataSource.transaction(async (manager) => {
        const outcome = await this.runner.run(manager, id, format, readContext(upload, parameters, receivedAt), sender.teams);
        await this.log.complete(manager, id, outcome);
        await this.recordImport(manager, id, actorOf(sender), format, outcome);
      });
    } catch (error) {
      const detail = error instanceof DomainError ? { detail: error.message, errors: error.errors } : { detail: 'The import failed on the server; nothing of it was stored.' };
      await this.log.fail(id, detail);
      if (!(error instanceof DomainError)) throw error;
    } finally {
      upload.discard();
    }
  }

  private recordImport(manager: EntityManager, id: string, actor: string, format: ImportFormat, outcome: ImportOutcome): Promise<void> {
    const { received, created, updated, unchanged, suppressed, fixed } = outcome;
    return this.audit.record(manager, { actor, action: 'import.completed', subjectType: 'import', subjectId: id, details: { format, received, created, updated, unchanged, suppressed, fixed: fixed ?? 0 } });
  }
}

/** What a reader needs, with the warnings the upload already earned while it was received. */
function readContext(upload: SpooledUpload, parameters: ImportParameters, receivedAt: Date): ReadContext {
  const warnings = new ImportWarnings();
  if (upload.invalidUtf8) {
    const { count, firstLine } = upload.invalidUtf8;
    warnings.add({
      code: 'invalid_utf8_replaced',
      line: firstLine,
      message: `${count} byte sequence${count === 1 ? ' is' : 's are'} not UTF-8 and ${count === 1 ? 'was' : 'were'} read as U+FFFD; the first is on line ${firstLine}`,
    });
  }
  return { file: upload.path, parameters, receivedAt, warnings };
}
