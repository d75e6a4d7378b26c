import { Module } from '@nestjs/common';
import { FindingLinksService } from '../links/finding-links.service';
import { FindingDetailRepository } from './finding-detail.repository';
import { FindingQueryRepository } from './finding-query.repository';
import { FindingsController } from './findings.controller';
import { FindingsService } from './findings.service';
import { AuditModule } from '../audit/audit.module';

@Module({
  imports: [AuditModule],
  controllers: [FindingsController],
  providers: [FindingsService, FindingQueryRepository, FindingDetailRepository, FindingLinksService],
  exports: [FindingsService],
})
export class FindingsModule {}
