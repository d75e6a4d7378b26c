import type { NextFunction, Request, RequestHandler, Response } from 'express';
import * as express from 'express';
import { DomainError } from './domain-error';

/** Line and column (1-based) of a character offset, so a broken JSON body can be pointed at. */
export function lineAndColumn(text: string, position: number): { line: number; column: number } {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  return { line, column: position - before.lastIndexOf('\n') };
}

/**
 * JSON bodies with errors a client can act on: a syntax error says the line and column, an oversized
 * body says the limit. Everything else about parsing is express's own.
 */
export function jsonBody(limitBytes: number, streamedPaths: readonly string[] = []): RequestHandler {
  const parse = express.json({
    limit: limitBytes,
    type: ['application/json', 'application/*+json'],
    verify: (req, _res, buffer) => {
      (req as Request & { rawText?: string }).rawText = buffer.toString('utf8');
    },
  });
  return (req: Request, res: Response, next: NextFunction) => {
    // Uploads are streamed to disk by their own handler, never buffered here.
    if (streamedPaths.includes(req.path)) return next();
    return parse(req, res, (error?: unknown) => {
      if (!error) return next();
      const failure = error as { type?: string; message?: string };
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
      return next(error);
    });
  };
}
