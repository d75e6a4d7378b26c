import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ClassificationModule } from '../classification/classification.module';
import { ImportLogModule } from '../imports/import-log.module';
import { LinksModule } from '../links/links.module';
import { OperationsMetricsModule } from '../operations-metrics/operations-metrics.module';
import { ServicesModule } from '../services/services.module';
import { TeamsModule } from '../teams/teams.module';
import { FindingDetailRepository } from './finding-detail.repository';
import { FindingIngestRepository } from './finding-ingest.repository';
import { FindingQueryRepository } from './finding-query.repository';
import { FindingSearchRepository } from './finding-search.repository';
import { FindingsController } from './findings.controller';
import { FindingsService } from './findings.service';
import { SearchCatchUp } from './search-catch-up';
import { ImportFollowUp } from './import-follow-up';

/** Findings; FindingIngestRepository is the one way every writer of findings stores them. */
@Module({
  imports: [AuditModule, ClassificationModule, ImportLogModule, LinksModule, OperationsMetricsModule, ServicesModule, TeamsModule],
  controllers: [FindingsController],
  providers: [FindingsService, FindingQueryRepository, FindingSearchRepository, SearchCatchUp, ImportFollowUp, FindingDetailRepository, FindingIngestRepository],
  exports: [FindingsService, FindingIngestRepository, FindingSearchRepository, ImportFollowUp],
})
export class FindingsModule {}
