import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ServicesModule } from '../services/services.module';
import { TeamsModule } from '../teams/teams.module';
import { AdoptionWindowsRepository } from './adoption-windows.repository';
import { AdoptionsController } from './adoptions.controller';
import { AdoptionsRepository } from './adoptions.repository';
import { AdoptionsService } from './adoptions.service';

@Module({
  imports: [AuditModule, TeamsModule, ServicesModule],
  controllers: [AdoptionsController],
  providers: [AdoptionsService, AdoptionsRepository, AdoptionWindowsRepository],
  exports: [AdoptionsService],
})
export class AdoptionsModule {}
