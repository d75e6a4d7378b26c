import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { OrganisationRefsRepository } from './organisation-refs.repository';
import { TeamsController } from './teams.controller';
import { TeamsRepository } from './teams.repository';
import { TeamsService } from './teams.service';

@Module({
  imports: [AuditModule],
  controllers: [TeamsController],
  providers: [TeamsService, TeamsRepository, OrganisationRefsRepository],
  // OrganisationRefsRepository: teams and services named in filters, for every reader that takes them.
  exports: [TeamsService, TeamsRepository, OrganisationRefsRepository],
})
export class TeamsModule {}
