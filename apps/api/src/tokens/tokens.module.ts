import { Module } from '@nestjs/common';
import { TokenRepository } from './token.repository';
import { TokensController } from './tokens.controller';
import { TokensService } from './tokens.service';
import { AuditModule } from '../audit/audit.module';
import { TeamsModule } from '../teams/teams.module';

@Module({
  imports: [AuditModule, TeamsModule],
  controllers: [TokensController],
  providers: [TokensService, TokenRepository],
  exports: [TokenRepository, TokensService],
})
export class TokensModule {}
