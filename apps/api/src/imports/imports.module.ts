import { Module } from '@nestjs/common';
import { FindingIngestRepository } from '../findings/finding-ingest.repository';
import { ImportLogRepository } from './import-log.repository';
import { ImportQueue } from './import-queue';
import { ImportRunner } from './import-runner';
import { ImportsController } from './imports.controller';
import { ImportsService } from './imports.service';

@Module({
  controllers: [ImportsController],
  providers: [ImportsService, ImportRunner, ImportQueue, ImportLogRepository, FindingIngestRepository],
  exports: [ImportQueue],
})
export class ImportsModule {}
