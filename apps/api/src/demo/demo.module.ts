import { Module } from '@nestjs/common';
import { ThreatModelRepository } from '../threat-models/threat-model.repository';
import { DemoRepository } from './demo.repository';
import { DemoSeeder } from './demo-seeder';
import { DemoBulkLoader } from './demo-bulk-loader';
import { DemoBulkLoadRepository } from './demo-bulk-load.repository';
import { ServicesModule } from '../services/services.module';
import { FindingsModule } from '../findings/findings.module';
import { ImportLogModule } from '../imports/import-log.module';
import { LinksModule } from '../links/links.module';
import { ClassificationModule } from '../classification/classification.module';

/** The seeder writes threat models through the same repository as imports; that module does not export it. */
@Module({
  imports: [ClassificationModule, FindingsModule, ImportLogModule, LinksModule, ServicesModule],
  providers: [DemoSeeder, DemoRepository, DemoBulkLoader, DemoBulkLoadRepository, ThreatModelRepository],
  exports: [DemoSeeder],
})
export class DemoModule {}
