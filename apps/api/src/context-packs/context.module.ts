import { Module } from '@nestjs/common';
import { ContextController } from './context.controller';
import { ContextRepository } from './context.repository';
import { ContextService } from './context.service';

@Module({
  controllers: [ContextController],
  providers: [ContextRepository, ContextService],
  exports: [ContextService],
})
export class ContextModule {}
