import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { DomainError, DomainErrorCode, ProblemDetail } from './domain-error';

const STATUS_OF: Record<DomainErrorCode, number> = {
  validation_failed: HttpStatus.BAD_REQUEST,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  payload_too_large: HttpStatus.PAYLOAD_TOO_LARGE,
  unsupported_media_type: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  database_unavailable: HttpStatus.SERVICE_UNAVAILABLE,
  unauthenticated: HttpStatus.UNAUTHORIZED,
  invalid_credentials: HttpStatus.UNAUTHORIZED,
  forbidden: HttpStatus.FORBIDDEN,
  csrf_failed: HttpStatus.FORBIDDEN,
  password_change_required: HttpStatus.FORBIDDEN,
  rate_limited: HttpStatus.TOO_MANY_REQUESTS,
};

interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  errors?: ProblemDetail[];
  correlationId?: string;
}

/** PostgreSQL refuses NUL bytes and invalid encodings in text: the client's data, not a server fault. */
function isUnstorableText(error: unknown): boolean {
  const code = (error as { code?: string; driverError?: { code?: string } })?.driverError?.code ?? (error as { code?: string })?.code;
  return code === '22021' || code === '22P05';
}

/** Database connection failures surface as 503 rather than 500: the request may simply be retried. */
function isDatabaseUnavailable(error: unknown): boolean {
  const code = (error as { code?: string })?.code;
  const message = (error as Error)?.message ?? '';
  return (
    code === 'ECONNREFUSED' ||
    code === 'ECONNRESET' ||
    code === '57P01' ||
    code === '57P03' ||
    /Connection terminated|connection timeout|timeout exceeded when trying to connect/i.test(message)
  );
}

/** Turns every error into `application/problem+json`; unknown errors become a 500 with a correlation id only. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const problem = this.toProblem(error, request);
    if (response.headersSent) return;
    if (error instanceof DomainError && error.retryAfterSeconds !== undefined) response.setHeader('Retry-After', String(error.retryAfterSeconds));
    // Bearer, not Basic: a browser shows no password prompt of its own.
    if (problem.status === 401) response.setHeader('WWW-Authenticate', 'Bearer realm="escapement"');
    response.status(problem.status).type('application/problem+json').json(problem);
  }

  private toProblem(error: unknown, request: Request): Problem {
    const instance = request.originalUrl?.split('?')[0] ?? '';
    if (error instanceof DomainError) {
      const status = STATUS_OF[error.code];
      return { type: `urn:escapement:problem:${error.code}`, title: titleOf(status), status, detail: error.message, instance, ...(error.errors.length ? { errors: error.errors } : {}) };
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      const body = error.getResponse();
      const detail = typeof body === 'string' ? body : String((body as { message?: unknown }).message ?? error.message);
      return { type: `urn:escapement:problem:http-${status}`, title: titleOf(status), status, detail: httpDetail(status, detail), instance };
    }
    if (isUnstorableText(error)) {
      return { type: 'urn:escapement:problem:validation_failed', title: titleOf(400), status: 400, detail: 'The request contains text that cannot be stored (a NUL character or invalid encoding); nothing was stored.', instance };
    }
    if (isDatabaseUnavailable(error)) {
      return { type: 'urn:escapement:problem:database_unavailable', title: titleOf(503), status: 503, detail: 'The database is unavailable; retry shortly.', instance };
    }
    const correlationId = randomUUID();
    this.logger.error(`${correlationId} ${request.method} ${instance}: ${(error as Error)?.stack ?? String(error)}`);
    return { type: 'urn:escapement:problem:internal', title: titleOf(500), status: 500, detail: 'An unexpected error occurred; quote the correlation id when reporting it.', instance, correlationId };
  }
}

function httpDetail(status: number, detail: string): string {
  if (status === 404 && /^Cannot (GET|POST|PUT|PATCH|DELETE)/.test(detail)) return 'No such route.';
  return detail;
}

function titleOf(status: number): string {
  const titles: Record<number, string> = {
    400: 'Bad Request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    409: 'Conflict',
    413: 'Payload Too Large',
    415: 'Unsupported Media Type',
    429: 'Too Many Requests',
    500: 'Internal Server Error',
    503: 'Service Unavailable',
  };
  return titles[status] ?? 'Error';
}
