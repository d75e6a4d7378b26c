import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { FindingLinker } from './finding-linker';
import { FindingLinksRepository } from './finding-links.repository';
import { FindingLinksService } from './finding-links.service';

/**
 * Links of findings to threat-model components and threats: FindingLinker computes the automatic ones
 * (for every writer of findings and of threat models), FindingLinksService records people's.
 */
@Module({
  imports: [AuditModule],
  providers: [FindingLinker, FindingLinksRepository, FindingLinksService],
  exports: [FindingLinker, FindingLinksService],
})
export class LinksModule {}
