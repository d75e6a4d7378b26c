import { Module } from '@nestjs/common';
import { EscapeRateRepository } from './escape-rate.repository';
import { GapsRepository } from './gaps.repository';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';

@Module({
  controllers: [MetricsController],
  providers: [MetricsService, EscapeRateRepository, GapsRepository],
})
export class MetricsModule {}
