import { Module } from '@nestjs/common';
import { ChangesController } from './changes.controller';
import { ChangesRepository } from './changes.repository';
import { ChangesService } from './changes.service';
import { KeptChangeContextPValues } from './kept-p-values';
import { AuditModule } from '../audit/audit.module';
import { ServicesModule } from '../services/services.module';

@Module({
  imports: [AuditModule, ServicesModule],
  controllers: [ChangesController],
  providers: [ChangesRepository, ChangesService, KeptChangeContextPValues],
  exports: [ChangesService],
})
export class ChangesModule {}
