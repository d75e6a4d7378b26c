import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request } from 'express';
import * as fs from 'node:fs';
import { DataSource } from 'typeorm';
import { AuditLog } from '../audit/audit-log.repository';
import type { TeamScope } from '../auth/principal';
import { validateParameters } from '../common/validation';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { toInputDomainError } from '../imports/readers/input-problems';
import { spoolUpload } from '../imports/upload-spool';
import { FindingLinker } from '../links/finding-linker';
import { ServiceOwnership } from '../services/service-ownership';
import { mapModel, mapVersion, ThreatModelImportParameters, type ThreatModelImportResponse } from './threat-model.dto';
import { ThreatModelParser } from './threat-model-parser';
import { ThreatModelRepository } from './threat-model.repository';

const MAX_MODEL_BYTES = 10 * 1024 * 1024;

/**
 * Imports a threat model file as a new version of its service's model, never overwriting an older
 * one, then relinks findings to the new version's components and threats. The same file with the
 * same date imported again changes nothing.
 */
@Injectable()
export class ThreatModelImporter {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly models: ThreatModelRepository,
    private readonly parser: ThreatModelParser,
    private readonly linker: FindingLinker,
    private readonly audit: AuditLog,
    private readonly ownership: ServiceOwnership,
  ) {}

  /** `teams`: the sender's team scope; a team-limited sender imports only for its team's services. */
  async import(request: Request, query: Record<string, unknown>, actor: string, teams: TeamScope): Promise<{ status: 200 | 201; body: ThreatModelImportResponse }> {
    const upload = await spoolUpload(request, { maxBytes: Math.min(MAX_MODEL_BYTES, this.config.maxBodyBytes), maxInflationRatio: 200 });
    try {
      const parameters = validateParameters(ThreatModelImportParameters, { ...upload.fields, ...query }, 'threat model parameters');
      await this.ownership.checkWritable(this.dataSource, parameters.service, teams);
      const text = await fs.promises.readFile(upload.path, 'utf8');
      const fileName = upload.fileName ?? parameters.fileName ?? null;
      let document;
      try {
        document = await this.parser.parse(text, { fileName: fileName ?? undefined, format: parameters.format });
      } catch (error) {
        throw toInputDomainError(error, 'threat model') ?? error;
      }
      const effectiveFrom = new Date(parameters.effectiveFrom ?? Date.now());
      const { versionId, created } = await this.dataSource.transaction(async (manager) => {
        const modelId = await this.models.modelFor(manager, parameters.service.trim(), document.name, teams);
        const existing = await this.models.findVersionByContent(manager, modelId, upload.sha256, effectiveFrom);
        if (existing) return { versionId: existing, created: false };
        const named = document.components.flatMap((component) => component.matchRules.services);
        const alsoServices = await this.models.claimableServices(manager, modelId, named, teams);
        const id = await this.models.addVersion(manager, modelId, document, { effectiveFrom, sha256: upload.sha256, fileName, importedBy: actor, alsoServices });
        // A model places its own service's findings (and those it may claim): only they move.
        await this.linker.relink(manager, { modelId, serviceIds: await this.models.scopeOf(manager, modelId) });
        await this.audit.record(manager, {
          actor,
          action: 'threat_model.imported',
          subjectType: 'threat_model_version',
          subjectId: id,
          details: { service: parameters.service, format: document.format, components: document.components.length, threats: document.threats.length, effectiveFrom: effectiveFrom.toISOString() },
        });
        return { versionId: id, created: true };
      });
      const version = await this.models.versionById(this.dataSource, versionId);
      const model = (await this.models.findModel(version.threat_model_id, null))!;
      return { status: created ? 201 : 200, body: { model: mapModel(model), version: mapVersion(version), created } };
    } finally {
      upload.discard();
    }
  }
}
