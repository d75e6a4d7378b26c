import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * The metrics of one running application. Each instance has its own registry rather than prom-client's
 * global one, so that two instances in one process (tests, or a server restarted in place) never share
 * or register a metric twice.
 */
@Injectable()
export class OperationsRegistry {
  readonly registry = new Registry();

  constructor() {
    // Process and Node.js metrics (CPU, memory, event loop, handles) under their usual names.
    collectDefaultMetrics({ register: this.registry });
  }

  /** The Prometheus text exposition of every metric. */
  exposition(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
