import { Module } from '@nestjs/common';
import { ContextModule } from '../context-packs/context.module';
import { McpController } from './mcp.controller';
import { McpService } from './mcp.service';

@Module({
  imports: [ContextModule],
  controllers: [McpController],
  providers: [McpService],
})
export class McpModule {}
