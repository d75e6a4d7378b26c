import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { detectFormat } from '@escapement/domain';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { AuditLog } from '../audit/audit-log.repository';
import { actorOf, type Principal } from '../auth/principal';
import { invalid, notFound } from '../common/domain-error';
import { decodeCursor, encodeCursor, isCursorTimestamp } from '../common/page-cursor';
import { validateParameters } from '../common/validation';
import { ServiceOwnership } from '../services/service-ownership';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ImportParameters, mapImport, type ImportPageResponse, type ImportResponse } from './import.dto';
import { auditImport, readContext } from './import-context';
import { ImportLogRepository, type ImportOutcome } from './import-log.repository';
import { ImportUploadRepository } from './import-upload.repository';
import { importSender, type ImportViewer } from './import-viewer';
import { ImportRunner } from './import-runner';
import { ImportWorker } from './import-worker';
import { UploadBudget, type UploadHold } from './upload-budget';
import { spoolUpload } from './upload-spool';
import { ImportFollowUp } from '../findings/import-follow-up';

@Injectable()
export class ImportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly log: ImportLogRepository,
    private readonly runner: ImportRunner,
    private readonly worker: ImportWorker,
    private readonly uploads: ImportUploadRepository,
    private readonly audit: AuditLog,
    private readonly budget: UploadBudget,
    private readonly ownership: ServiceOwnership,
    private readonly importFollowUp: ImportFollowUp,
  ) {}

  /**
   * Small uploads are stored before answering (201). Large ones are answered at once (202) and stored in
   * the background by whichever instance takes the job, so no pipeline's HTTP request times out; the
   * answer says where to poll. Either way the file is checked and spooled locally while it streams.
   */
  async receive(request: Request, query: Record<string, unknown>, sender: Principal): Promise<{ status: 201 | 202; body: ImportResponse }> {
    const upload = await spoolUpload(request, { maxBytes: this.config.maxBodyBytes, maxInflationRatio: 200, hold: await this.holdFor(request, sender) });
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
      if (parameters.service) await this.ownership.checkWritable(this.dataSource, parameters.service, sender.teams);
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
        // The file moves into the database with its job, in one transaction: queued whole or not at all.
        const id = await this.dataSource.transaction(async (manager) => {
          const importId = await this.log.open(manager, receipt);
          await this.uploads.save(manager, importId, upload.path);
          const job = { importId, format, parameters: { ...parameters }, receivedAt: receivedAt.toISOString(), actor: receipt.receivedBy, teams: sender.teams, invalidUtf8: upload.invalidUtf8 };
          await this.worker.enqueue(manager, job);
          return importId;
        });
        this.worker.wake();
        upload.discard();
        return { status: 202, body: mapImport((await this.log.find(id))!) };
      }
      const finish = this.importFollowUp.begin(format);
      let stored = null as ImportOutcome | null;
      const id = await this.dataSource
        .transaction(async (manager) => {
          const importId = await this.log.open(manager, receipt);
          const outcome = await this.runner.run(manager, importId, format, readContext(upload.path, upload.invalidUtf8, parameters, receivedAt), sender.teams);
          await this.log.complete(manager, importId, outcome);
          await auditImport(this.audit, manager, importId, receipt.receivedBy, format, outcome);
          stored = outcome;
          return importId;
        })
        .catch((error: unknown) => {
          finish('failed');
          throw error;
        });
      finish('completed', stored ?? undefined);
      upload.discard();
      return { status: 201, body: mapImport((await this.log.find(id))!) };
    } catch (error) {
      upload.discard();
      throw error;
    }
  }

  /** The upload's share of the queue's bounds; a sender already at its bound is refused before any byte is read. */
  private async holdFor(request: Request, sender: Principal): Promise<UploadHold> {
    const plain = !request.headers['content-encoding'] && !/^multipart\//i.test(request.headers['content-type'] ?? '');
    const announced = plain ? Number(request.headers['content-length']) || 0 : 0;
    try {
      return this.budget.open(`${sender.kind}:${sender.id}`, announced, await this.log.waitingBytes(importSender(sender)));
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
}
