import { Injectable } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { Histogram } from 'prom-client';
import { OperationsRegistry } from './operations-registry';

/** The label of a request no route answered (the body parser refused it, or nothing matched). */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * HTTP latency by method, route template and status. The route is the template the router matched
 * (`/api/v1/findings/:id`), never the requested URL, so ids and query strings cannot multiply the series.
 */
@Injectable()
export class HttpLatency {
  private readonly duration: Histogram<'method' | 'route' | 'status_code'>;

  constructor(operations: OperationsRegistry) {
    this.duration = new Histogram({
      name: 'escapement_http_request_duration_seconds',
      help: 'Time from a request arriving to its answer being sent, by method, route template and status code',
      labelNames: ['method', 'route', 'status_code'],
      registers: [operations.registry],
    });
  }

  /** Express middleware, mounted before every other, that times each request until its answer is sent. */
  middleware(): RequestHandler {
    return (request: Request, response: Response, next: NextFunction) => {
      const stop = this.duration.startTimer();
      response.once('finish', () => {
        const template: unknown = request.route?.path;
        const route = typeof template === 'string' ? `${request.baseUrl}${template}` : UNMATCHED_ROUTE;
        stop({ method: request.method, route, status_code: String(response.statusCode) });
      });
      next();
    };
  }
}
