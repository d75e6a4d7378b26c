import { Module } from '@nestjs/common';
import { FindingIngestRepository } from '../findings/finding-ingest.repository';
import { ImportLogRepository } from '../imports/import-log.repository';
import { DemoSeeder } from './demo-seeder';

@Module({ providers: [DemoSeeder, FindingIngestRepository, ImportLogRepository], exports: [DemoSeeder] })
export class DemoModule {}
