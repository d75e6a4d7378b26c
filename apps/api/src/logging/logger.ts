import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import pino, { type DestinationStream, type Logger } from 'pino';
import { pinoHttp, type HttpLogger } from 'pino-http';
import pretty from 'pino-pretty';
// Not re-exported by the package's index; the same store its module's middleware fills.
import { storage, Store } from 'nestjs-pino/storage';
import type { AppConfig } from '../config/app-config';

export type { Logger };

export const REQUEST_ID_HEADER = 'X-Request-Id';

/**
 * An id a proxy or client sent is kept, so that one request can be followed through every system it
 * crossed; anything longer or with other characters (a header is free text: newlines, JSON, a whole
 * log line) is replaced rather than copied into the logs.
 */
const SANE_REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:@/+=-]{0,127}$/;

/**
 * Secrets that must never reach a log line, wherever an object that holds them is logged: credentials
 * in headers, and the password and token fields of request and answer bodies.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.oneTimePassword',
  '*.secret',
  '*.csrfToken',
];

/**
 * The process's logger: JSON lines for log collectors, or coloured single lines for a person at a
 * terminal (`ESCAPEMENT_LOG_FORMAT`). Writes synchronously, so that log lines and the few plain lines
 * printed to the console (the first administrator's password) keep their order.
 */
export function createLogger(config: Pick<AppConfig, 'logLevel' | 'logFormat'>, destination?: DestinationStream): Logger {
  const options = { level: config.logLevel, redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, base: { pid: process.pid } };
  if (destination) return pino(options, destination);
  if (config.logFormat === 'pretty') {
    return pino(options, pretty({ colorize: true, sync: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,req,res,responseTime' }));
  }
  return pino(options, pino.destination({ fd: 1, sync: true }));
}

/** The request id: the caller's if sane, otherwise a new one; echoed in the answer for the caller to quote. */
export function requestIdOf(request: IncomingMessage, response: ServerResponse): string {
  const sent = request.headers['x-request-id'];
  const id = typeof sent === 'string' && SANE_REQUEST_ID.test(sent) ? sent : randomUUID();
  response.setHeader(REQUEST_ID_HEADER, id);
  return id;
}

/** Path without its query string: queries may hold search text, and are not needed to follow a request. */
function pathOf(url: string | undefined): string {
  return (url ?? '').split('?')[0];
}

/**
 * One line per finished request (method, path, status, duration, request id) and the request id on
 * every line logged while it is handled. Headers and bodies are not logged at all: the redaction
 * above is the second line of defence.
 */
export function createHttpLogger(logger: Logger): HttpLogger {
  return pinoHttp({
    logger,
    genReqId: requestIdOf,
    quietReqLogger: true,
    customAttributeKeys: { reqId: 'requestId' },
    serializers: {
      req: (req: { method?: string; url?: string; remoteAddress?: string }) => ({ method: req.method, path: pathOf(req.url), remoteAddress: req.remoteAddress }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
    },
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    customSuccessMessage: (req, res, responseTime) => `${req.method} ${pathOf(req.url)} ${res.statusCode} ${Math.round(responseTime)} ms`,
    customErrorMessage: (req, res) => `${req.method} ${pathOf(req.url)} ${res.statusCode} failed`,
  });
}

/**
 * Makes the request's logger the one Nest's `Logger` writes through while the request is handled, so
 * that services' lines carry its request id. Done here, right after the request logger, rather than by
 * nestjs-pino's own route middleware: that one registers a catch-all route per HTTP method.
 */
export function bindRequestLogger(): (request: IncomingMessage & { log?: Logger }, response: ServerResponse, next: () => void) => void {
  return (request, _response, next) => (request.log ? storage.run(new Store(request.log), next) : next());
}
