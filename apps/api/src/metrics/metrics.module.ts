import { Module } from '@nestjs/common';
import { EscapeRateRepository } from './escape-rate.repository';
import { PracticeMetricsController } from './practice-metrics.controller';
import { AdoptionImpactRepository } from './adoption-impact.repository';
import { AdoptionImpactService } from './adoption-impact.service';
import { ContainmentRepository } from './containment.repository';
import { ContainmentService } from './containment.service';
import { GapsRepository } from './gaps.repository';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';
import { VerdictCache } from './verdict-cache';

@Module({
  controllers: [MetricsController, PracticeMetricsController],
  providers: [MetricsService, EscapeRateRepository, GapsRepository, AdoptionImpactService, AdoptionImpactRepository, ContainmentRepository, ContainmentService, VerdictCache],
  exports: [MetricsService, AdoptionImpactService, ContainmentService],
})
export class MetricsModule {}
