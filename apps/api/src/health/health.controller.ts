import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { HealthDto } from '@escapement/domain';
import type { Response } from 'express';
import { Public } from '../auth/access.decorator';
import { HealthResponse } from './health.dto';
import { HealthService } from './health.service';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly service: HealthService) {}

  /** 200 when the database answers, 503 when it does not: load balancers read the status alone, unauthenticated. */
  @ApiOperation({ summary: 'Whether the server and its database are up' })
  @ApiOkResponse({ type: HealthResponse })
  @ApiServiceUnavailableResponse({ type: HealthResponse, description: 'The database does not answer' })
  @Get()
  @Public()
  async health(@Res({ passthrough: true }) response: Response): Promise<HealthDto> {
    const health = await this.service.check();
    response.status(health.status === 'ok' ? 200 : 503);
    return health;
  }
}
