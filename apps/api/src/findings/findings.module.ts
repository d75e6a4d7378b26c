import { Module } from '@nestjs/common';
import { ImportLogRepository } from '../imports/import-log.repository';
import { FindingIngestRepository } from './finding-ingest.repository';
import { FindingQueryRepository } from './finding-query.repository';
import { FindingsController } from './findings.controller';
import { FindingsService } from './findings.service';

@Module({
  controllers: [FindingsController],
  providers: [FindingsService, FindingIngestRepository, FindingQueryRepository, ImportLogRepository],
  exports: [FindingsService],
})
export class FindingsModule {}
