import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator';
import { ACCESS } from '../auth/access-rules';
import type { Principal } from '../auth/principal';
import { Caller } from '../auth/request-principal';
import { EscapeRateQuery, EscapeRateResponseBody } from './escape-rate.dto';
import { GapsQuery, GapsResponseBody } from './gaps.dto';
import { MetricsService } from './metrics.service';

@ApiTags('metrics')
@Controller('v1/metrics')
export class MetricsController {
  constructor(private readonly service: MetricsService) {}

  @ApiOperation({ summary: 'Context gaps and model gaps over time' })
  @Get('gaps')
  @Access(ACCESS.read)
  @ApiOkResponse({ type: GapsResponseBody })
  gaps(@Query() query: GapsQuery, @Caller() caller: Principal): Promise<GapsResponseBody> {
    return this.service.gapSeries(query, caller.teams);
  }

  @ApiOperation({ summary: 'Escape rate over time' })
  @Get('escape-rate')
  @Access(ACCESS.read)
  @ApiOkResponse({ type: EscapeRateResponseBody })
  escapeRate(@Query() query: EscapeRateQuery, @Caller() caller: Principal): Promise<EscapeRateResponseBody> {
    return this.service.escapeRate(query, caller.teams);
  }
}
