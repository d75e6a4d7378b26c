import { Module } from '@nestjs/common';
import { ImportQueue } from './import-queue';
import { ImportRunner } from './import-runner';
import { ImportsController } from './imports.controller';
import { ImportsService } from './imports.service';
import { UploadBudget } from './upload-budget';

@Module({
  controllers: [ImportsController],
  providers: [ImportsService, ImportRunner, ImportQueue, UploadBudget],
  exports: [ImportQueue],
})
export class ImportsModule {}
