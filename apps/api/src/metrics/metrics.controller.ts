import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { EscapeRateQuery, EscapeRateResponseBody } from './escape-rate.dto';
import { GapsQuery, GapsResponse } from './gaps.dto';
import { MetricsService } from './metrics.service';

@ApiTags('metrics')
@Controller('v1/metrics')
export class MetricsController {
  constructor(private readonly service: MetricsService) {}

  @Get('gaps')
  @ApiOkResponse({ type: GapsResponse })
  gaps(@Query() query: GapsQuery): Promise<GapsResponse> {
    return this.service.gapSeries(query);
  }

  @Get('escape-rate')
  @ApiOkResponse({ type: EscapeRateResponseBody })
  escapeRate(@Query() query: EscapeRateQuery): Promise<EscapeRateResponseBody> {
    return this.service.escapeRate(query);
  }
}
