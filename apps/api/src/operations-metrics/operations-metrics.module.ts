import { Module } from '@nestjs/common';
import { DatabasePoolGauges } from './database-pool-gauges';
import { HttpLatency } from './http-latency';
import { IngestMetrics } from './ingest-metrics';
import { OperationsMetricsController } from './operations-metrics.controller';
import { OperationsRegistry } from './operations-registry';

/**
 * The server's own operating metrics for Prometheus (docs/operations.md); not the escape-rate metrics of
 * `metrics/`, which are the product's answers about findings. Features that are measured import this module.
 */
@Module({
  controllers: [OperationsMetricsController],
  providers: [OperationsRegistry, IngestMetrics, HttpLatency, DatabasePoolGauges],
  exports: [IngestMetrics, HttpLatency],
})
export class OperationsMetricsModule {}
