import { Module } from '@nestjs/common';
import { EscapeRateRepository } from './escape-rate.repository';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';

@Module({
  controllers: [MetricsController],
  providers: [MetricsService, EscapeRateRepository],
})
export class MetricsModule {}
