import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access } from '../auth/access.decorator';
import { ACCESS } from '../auth/access-rules';
import { OperationsRegistry } from './operations-registry';

/** Beside `/api/health`, outside the versioned API: both are for the people running the server, not its users (docs/operations.md). */
@ApiTags('operations')
@Controller('metrics')
export class OperationsMetricsController {
  constructor(private readonly operations: OperationsRegistry) {}

  @ApiOperation({ summary: 'The server’s operating metrics, for Prometheus to scrape' })
  @ApiProduces('text/plain')
  @ApiOkResponse({
    description: 'Prometheus text exposition format 0.0.4: requests, imports, findings ingested, database pool, process',
    content: { 'text/plain': { schema: { type: 'string', example: 'escapement_findings_ingested_total{format="sarif",outcome="new"} 12' } } },
  })
  @Get()
  @Access(ACCESS.scrapeOperations)
  async metrics(@Res({ passthrough: true }) response: Response): Promise<string> {
    response.setHeader('Content-Type', this.operations.contentType);
    response.setHeader('Cache-Control', 'no-store');
    return this.operations.exposition();
  }
}
