import { Global, Module } from '@nestjs/common';
import { AuditLog } from './audit/audit-log';
import { WorkspaceRules } from './classification/workspace-rules';
import { FindingIngestRepository } from './findings/finding-ingest.repository';
import { ImportLogRepository } from './imports/import-log.repository';
import { FindingLinker } from './links/finding-linker';

/** The pieces every writer of findings shares: one instance each, so caches and locks are shared too. */
@Global()
@Module({
  providers: [AuditLog, WorkspaceRules, FindingIngestRepository, ImportLogRepository, FindingLinker],
  exports: [AuditLog, WorkspaceRules, FindingIngestRepository, ImportLogRepository, FindingLinker],
})
export class CoreModule {}
