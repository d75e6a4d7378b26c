/** Every failure the API reports on purpose has one of these codes; one mapping turns them into HTTP. */
export type DomainErrorCode =
  | 'validation_failed'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'database_unavailable'
  | 'unauthenticated'
  | 'invalid_credentials'
  | 'forbidden'
  | 'csrf_failed'
  | 'password_change_required'
  | 'rate_limited';

/** Where in the input a problem is: a JSON pointer, a CSV line and column, or a query parameter. */
export interface ProblemLocation {
  pointer?: string;
  parameter?: string;
  line?: number;
  column?: number;
}

export interface ProblemDetail extends ProblemLocation {
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly errors: ProblemDetail[] = [],
    /** For `rate_limited`: seconds until a retry can succeed (the Retry-After header). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const invalid = (message: string, errors: ProblemDetail[] = []) => new DomainError('validation_failed', message, errors);
export const notFound = (what: string, id: string) => new DomainError('not_found', `${what} ${id} does not exist`);
export const forbidden = (message: string) => new DomainError('forbidden', message);
