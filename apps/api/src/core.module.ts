import { Global, Module } from '@nestjs/common';
import { WorkspaceRules } from './classification/workspace-rules';
import { FindingIngestRepository } from './findings/finding-ingest.repository';
import { ImportLogRepository } from './imports/import-log.repository';
import { FindingLinker } from './links/finding-linker';
import { ServicesModule } from './services/services.module';

/** The pieces every writer of findings shares: one instance each, so caches and locks are shared too. */
@Global()
@Module({
  imports: [ServicesModule],
  providers: [WorkspaceRules, FindingIngestRepository, ImportLogRepository, FindingLinker],
  exports: [WorkspaceRules, FindingIngestRepository, ImportLogRepository, FindingLinker],
})
export class CoreModule {}
