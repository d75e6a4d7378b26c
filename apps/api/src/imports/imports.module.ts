import { Module } from '@nestjs/common';
import { ImportQueue } from './import-queue';
import { ImportRunner } from './import-runner';
import { ImportsController } from './imports.controller';
import { ImportsService } from './imports.service';

@Module({
  controllers: [ImportsController],
  providers: [ImportsService, ImportRunner, ImportQueue],
  exports: [ImportQueue],
})
export class ImportsModule {}
