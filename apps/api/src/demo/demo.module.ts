import { Module } from '@nestjs/common';
import { ThreatModelRepository } from '../threat-models/threat-model.repository';
import { DemoRepository } from './demo.repository';
import { DemoSeeder } from './demo-seeder';
import { ServicesModule } from '../services/services.module';
import { FindingsModule } from '../findings/findings.module';
import { ImportLogModule } from '../imports/import-log.module';
import { LinksModule } from '../links/links.module';

/** The seeder writes threat models through the same repository as imports; that module does not export it. */
@Module({
  imports: [FindingsModule, ImportLogModule, LinksModule, ServicesModule],
  providers: [DemoSeeder, DemoRepository, ThreatModelRepository],
  exports: [DemoSeeder],
})
export class DemoModule {}
