import { CSRF_HEADER } from '@escapement/domain';

/** Every endpoint of the API sits under one versioned prefix on the dashboard's own origin. */
export const API_PREFIX = '/api/v1';

/**
 * The session's CSRF token, kept in memory only: the session cookie is HttpOnly, and a token in storage
 * would outlive it or leak to any script. The session feature sets it after login, reload or a password change.
 */
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Told about every failed call, so that one place can react to an ended session (401) or a forced password change. */
type ApiErrorListener = (error: ApiError) => void;
let errorListener: ApiErrorListener | null = null;

export function onApiError(listener: ApiErrorListener | null): void {
  errorListener = listener;
}

/** One wrong input of a rejected request: where it is, as a JSON pointer into the body or query, and what is wrong. */
export interface ProblemFieldError {
  pointer: string;
  message: string;
}

/** The fields of an RFC 9457 problem document that the API sends with every error. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  /** Present on validation failures, one entry per bad field. */
  errors?: ProblemFieldError[];
}

/**
 * A failed API call. `status` is 0 when no response arrived at all (network down, server stopped),
 * so callers can tell "the server said no" from "the server was not there".
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail ?? problem.title ?? `Request failed with status ${status}`);
  }

  get title(): string {
    return this.problem.title ?? (this.status === 0 ? 'Network error' : `Error ${this.status}`);
  }

  /** The problem type's last part, e.g. `password_change_required` for `urn:escapement:problem:password_change_required`. */
  get problemCode(): string | null {
    const type = this.problem.type ?? '';
    return type.startsWith('urn:escapement:problem:') ? type.slice('urn:escapement:problem:'.length) : null;
  }

  /** 4xx answers will not change on retry; 5xx and network failures might. */
  get isClientError(): boolean {
    return this.status >= 400 && this.status < 500;
  }
}

/** Query parameters; empty and undefined values are left out so URLs stay canonical. */
export type QueryParams = Record<string, string | number | null | undefined>;

export function buildApiUrl(path: string, params: QueryParams = {}): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(name, String(value));
  }
  const query = search.toString();
  return `${API_PREFIX}${path}${query ? `?${query}` : ''}`;
}

export async function apiGet<T>(path: string, params?: QueryParams, init: { signal?: AbortSignal } = {}): Promise<T> {
  const response = await send(buildApiUrl(path, params), { headers: { Accept: 'application/json' }, signal: init.signal });
  return (await response.json()) as T;
}

/**
 * A request that changes something. Resolves with the parsed body, or undefined for 204 No Content,
 * which is how the API answers commands such as setting a finding's class.
 */
export async function apiSend<T = void>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (csrfToken !== null) headers[CSRF_HEADER] = csrfToken;
  const response = await send(buildApiUrl(path), { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (response.status === 204 || response.headers.get('content-length') === '0') return undefined as T;
  return (await response.json()) as T;
}

async function send(url: string, init: RequestInit): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    // An abort is TanStack Query cancelling a stale request: let it through untouched.
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, { title: 'Network error', detail: 'The Escapement server could not be reached.' });
  }
  if (!response.ok) {
    const error = new ApiError(response.status, await readProblem(response));
    errorListener?.(error);
    throw error;
  }
  return response;
}

/** Reads the problem body when there is one; a proxy's HTML error page still yields a useful error. */
async function readProblem(response: Response): Promise<Problem> {
  const contentType = response.headers.get('content-type') ?? '';
  if (contentType.includes('json')) {
    try {
      return (await response.json()) as Problem;
    } catch {
      // Fall through: a malformed body must not hide the status.
    }
  }
  return { status: response.status, title: response.statusText || `Error ${response.status}` };
}
