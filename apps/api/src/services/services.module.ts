import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { TeamsModule } from '../teams/teams.module';
import { ServiceOwnership } from './service-ownership';
import { ServicesController } from './services.controller';
import { ServicesRepository } from './services.repository';
import { ServicesService } from './services.service';

/** Services, and who may write to them (ServiceOwnership, used by every upload that names services). */
@Module({
  imports: [AuditModule, TeamsModule],
  controllers: [ServicesController],
  providers: [ServicesService, ServicesRepository, ServiceOwnership],
  exports: [ServicesRepository, ServiceOwnership],
})
export class ServicesModule {}
