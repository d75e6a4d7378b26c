import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ClassificationController } from './classification.controller';
import { ClassificationRulesRepository } from './classification-rules.repository';
import { ClassificationService } from './classification.service';
import { FindingClassesRepository } from './finding-classes.repository';
import { Reclassifier } from './reclassifier';
import { WorkspaceRules } from './workspace-rules';

/** Classification rules and overrides; WorkspaceRules (read afresh in each ingest's transaction) is what every ingest reads. */
@Module({
  imports: [AuditModule],
  controllers: [ClassificationController],
  providers: [ClassificationService, ClassificationRulesRepository, FindingClassesRepository, Reclassifier, WorkspaceRules],
  exports: [WorkspaceRules],
})
export class ClassificationModule {}
