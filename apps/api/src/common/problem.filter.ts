import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { ErrorRequestHandler, Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { AuditLog } from '../audit/audit-log.repository';
import { actorOf } from '../auth/principal';
import { principalOf } from '../auth/request-principal';
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
  /** Sent as the Retry-After header, not in the body. */
  retryAfterSeconds?: number;
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
    /Connection terminated|connection timeout/i.test(message)
  );
}

/**
 * Every pooled connection was busy for the whole connection timeout: the server is overloaded, the
 * database is not down. Said apart, with a Retry-After, so that clients and operators are not misled.
 */
function isPoolExhausted(error: unknown): boolean {
  return /timeout exceeded when trying to connect/i.test((error as Error)?.message ?? '');
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Refusals of a known caller that are worth an audit row: someone tried to change what they may not. */
const AUDITED_REFUSALS = new Set<DomainErrorCode>(['forbidden', 'csrf_failed']);

/**
 * Turns every error into `application/problem+json`; unknown errors become a 500 with a correlation id
 * only (the request id of the logs). A change refused with 403 to a known caller is written to the audit log first (`access.refused`):
 * the change itself rolled back, so nothing else would record the attempt.
 */
@Catch()
@Injectable()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
  ) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    this.respond(error, http.getRequest<Request>(), http.getResponse<Response>()).catch((failure: unknown) => this.logger.error(`cannot answer an error: ${(failure as Error)?.stack ?? failure}`));
  }

  async respond(error: unknown, request: Request, response: Response): Promise<void> {
    const problem = this.toProblem(error, request);
    if (error instanceof DomainError && AUDITED_REFUSALS.has(error.code)) await this.recordRefusal(error, request);
    if (response.headersSent) return;
    const { retryAfterSeconds, ...body } = problem;
    if (retryAfterSeconds !== undefined) response.setHeader('Retry-After', String(retryAfterSeconds));
    // Bearer, not Basic: a browser shows no password prompt of its own.
    if (problem.status === 401) response.setHeader('WWW-Authenticate', 'Bearer realm="escapement"');
    response.status(problem.status).type('application/problem+json').json(body);
  }

  private async recordRefusal(error: DomainError, request: Request): Promise<void> {
    const principal = principalOf(request);
    if (!principal || SAFE_METHODS.has(request.method)) return;
    const path = request.originalUrl?.split('?')[0] ?? '';
    try {
      await this.audit.record(this.dataSource.manager, {
        actor: actorOf(principal),
        action: 'access.refused',
        subjectType: 'route',
        subjectId: `${request.method} ${path}`.slice(0, 300),
        details: { reason: error.code, detail: error.message, ...(request.ip ? { ip: request.ip } : {}) },
      });
    } catch (failure) {
      // The refusal stands whether or not it could be recorded (the database may be what failed).
      this.logger.error(`audit of a refused ${request.method} ${path} failed: ${(failure as Error).message}`);
    }
  }

  private toProblem(error: unknown, request: Request): Problem {
    const instance = request.originalUrl?.split('?')[0] ?? '';
    if (error instanceof DomainError) {
      const status = STATUS_OF[error.code];
      return {
        type: `urn:escapement:problem:${error.code}`,
        title: titleOf(status),
        status,
        detail: error.message,
        instance,
        ...(error.errors.length ? { errors: error.errors } : {}),
        ...(error.retryAfterSeconds !== undefined ? { retryAfterSeconds: error.retryAfterSeconds } : {}),
      };
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
    if (isPoolExhausted(error)) {
      return { type: 'urn:escapement:problem:busy', title: titleOf(503), status: 503, detail: 'The server is busy; retry shortly.', instance, retryAfterSeconds: 1 };
    }
    if (isDatabaseUnavailable(error)) {
      return { type: 'urn:escapement:problem:database_unavailable', title: titleOf(503), status: 503, detail: 'The database is unavailable; retry shortly.', instance };
    }
    const correlationId = correlationIdOf(request);
    this.logger.error(`${correlationId} ${request.method} ${instance}: ${(error as Error)?.stack ?? String(error)}`);
    return { type: 'urn:escapement:problem:internal', title: titleOf(500), status: 500, detail: 'An unexpected error occurred; quote the correlation id when reporting it.', instance, correlationId };
  }
}

/** The request's id (its log lines carry it too), so that a quoted id finds every line of the failed request. */
function correlationIdOf(request: Request): string {
  const id = (request as Request & { id?: unknown }).id;
  return typeof id === 'string' && id ? id : randomUUID();
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

/**
 * Answers errors raised by middleware that runs before routing (the JSON body parser) through the same
 * filter. Without it they would travel down express's error chain, where the dashboard's static-file
 * handler turns every error on an `/api` path into a 404.
 */
export function earlyErrors(filter: () => ProblemFilter): ErrorRequestHandler {
  return (error, request, response, next) => {
    filter().respond(error, request, response).catch(next);
  };
}
