import type { NextFunction, Request, RequestHandler, Response } from 'express';
import * as express from 'express';
import { jsonTooDeepAt, MAX_JSON_DEPTH } from '@escapement/domain';
import { DomainError } from './domain-error';

/** Line and column (1-based) of a character offset, so a broken JSON body can be pointed at. */
export function lineAndColumn(text: string, position: number): { line: number; column: number } {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  return { line, column: position - before.lastIndexOf('\n') };
}

const JSON_TYPES = ['application/json', 'application/*+json'];
const isJson = (req: Request) => Boolean(req.is(JSON_TYPES));

class TooDeep extends Error {
  constructor(readonly position: number) {
    super('too deep');
  }
}

/**
 * A path express would route to one of `paths`: its router ignores case and a trailing slash, so
 * `/api/v1/IMPORTS/` reaches the same handler as `/api/v1/imports` and must be treated alike.
 */
export function routesToOneOf(paths: readonly string[]): (path: string) => boolean {
  const normalise = (path: string) => path.toLowerCase().replace(/\/+$/, '');
  const set = new Set(paths.map(normalise));
  return (path) => set.has(normalise(path));
}

/** JSON is UTF-8 between systems (RFC 8259 §8.1); anything else is refused rather than guessed at. */
function charsetProblem(req: Request): DomainError | null {
  const type = req.headers['content-type'];
  if (!type) return null;
  const charset = /;\s*charset\s*=\s*"?([^";\s]*)"?/i.exec(type)?.[1];
  if (charset === undefined || /^utf-8$/i.test(charset)) return null;
  return new DomainError('unsupported_media_type', `JSON bodies must be UTF-8 (Content-Type charset "${charset}" is not accepted)`);
}

/**
 * JSON bodies with errors a client can act on: a syntax error says the line and column, an oversized
 * body says the limit, a charset other than UTF-8 is a 415. Uploads (`streamedPaths`) are left unread
 * whatever their content type, for their handler to stream. Errors go to `next(error)`; mount
 * `earlyErrors` (problem.filter.ts) right after this, so that they are answered as problems before a
 * static-file handler can turn them into a 404.
 */
export function jsonBody(limitBytes: number, streamedPaths: readonly string[] = []): RequestHandler {
  const streamed = routesToOneOf(streamedPaths);
  const parse = express.json({
    limit: limitBytes,
    type: JSON_TYPES,
    verify: (req, _res, buffer) => {
      const text = buffer.toString('utf8');
      (req as Request & { rawText?: string }).rawText = text;
      const at = jsonTooDeepAt(text, MAX_JSON_DEPTH);
      if (at >= 0) throw new TooDeep(at);
    },
  });
  return (req: Request, res: Response, next: NextFunction) => {
    // Uploads are streamed to disk by their own handler, never buffered here.
    if (streamed(req.path)) return next();
    if (isJson(req)) {
      const problem = charsetProblem(req);
      if (problem) return next(problem);
    }
    return parse(req, res, (error?: unknown) => {
      if (!error) return next();
      const failure = error as { type?: string; message?: string };
      if (error instanceof TooDeep) {
        const where = lineAndColumn((req as Request & { rawText?: string }).rawText ?? '', error.position);
        return next(
          new DomainError('validation_failed', `The request body nests deeper than ${MAX_JSON_DEPTH} levels (line ${where.line}, column ${where.column})`, [
            { line: where.line, column: where.column, message: `nesting deeper than ${MAX_JSON_DEPTH}` },
          ]),
        );
      }
      if (failure.type === 'entity.too.large') {
        return next(new DomainError('payload_too_large', `The request body is larger than the ${Math.round(limitBytes / 1024 / 1024)} MB this server accepts`));
      }
      if (failure.type === 'entity.parse.failed') {
        const text = (req as Request & { rawText?: string }).rawText ?? '';
        const match = /position (\d+)/.exec(failure.message ?? '');
        const where = lineAndColumn(text, match ? Number(match[1]) : text.length);
        return next(
          new DomainError('validation_failed', `The request body is not valid JSON: ${failure.message} (line ${where.line}, column ${where.column})`, [
            { line: where.line, column: where.column, message: failure.message ?? 'invalid JSON' },
          ]),
        );
      }
      if (failure.type === 'encoding.unsupported' || failure.type === 'charset.unsupported') {
        return next(new DomainError('unsupported_media_type', failure.message ?? 'unsupported encoding'));
      }
      // Whatever else the client sent wrong (a broken gzip stream, a length that does not match) is its
      // error too: the parser marks those 4xx.
      const status = (error as { status?: number }).status;
      if (status !== undefined && status >= 400 && status < 500) {
        return next(new DomainError('validation_failed', `The request body cannot be read: ${failure.message ?? 'malformed'}`));
      }
      return next(error);
    });
  };
}

/** CSV bodies (UTF-8 text) for the routes that take them, with the same size limit and problem for an oversized body. */
export function csvBody(limitBytes: number): RequestHandler {
  const parse = express.text({ limit: limitBytes, type: ['text/csv'] });
  return (req: Request, res: Response, next: NextFunction) =>
    parse(req, res, (error?: unknown) => {
      if (!error) return next();
      if ((error as { type?: string }).type === 'entity.too.large') {
        return next(new DomainError('payload_too_large', `The request body is larger than the ${Math.round(limitBytes / 1024 / 1024)} MB this server accepts`));
      }
      const status = (error as { status?: number }).status;
      if (status !== undefined && status >= 400 && status < 500) return next(new DomainError('unsupported_media_type', (error as Error).message));
      return next(error);
    });
}
