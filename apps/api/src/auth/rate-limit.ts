import { SetMetadata, type ExecutionContext } from '@nestjs/common';
import { normalizeIp, type ThrottlerOptions } from '@nestjs/throttler';
import type { Request } from 'express';
import type { RateLimit as Limit, RateLimits } from '../config/security-config';
import { principalOf } from './request-principal';

export type RateLimitKind = 'login' | 'ingest';

const RATE_LIMIT = 'escapement:rate-limit';

/** Puts a route under the login or the ingestion limits (configured by ESCAPEMENT_RATE_*). */
export const RateLimit = (kind: RateLimitKind) => SetMetadata(RATE_LIMIT, kind);

function kindOf(context: ExecutionContext): RateLimitKind | undefined {
  return Reflect.getMetadata(RATE_LIMIT, context.getHandler()) ?? Reflect.getMetadata(RATE_LIMIT, context.getClass());
}

/** Behind a trusted proxy express reads the client address from X-Forwarded-For; otherwise the socket's. */
const ipOf = (request: Request) => `ip:${normalizeIp(request.ip ?? 'unknown')}`;

/** The account a login is for: from the body, or the signed-in person changing their password. */
function accountOf(request: Request): string {
  const email = (request.body as { email?: unknown } | undefined)?.email;
  if (typeof email === 'string') return `account:${email.trim().toLowerCase()}`;
  const principal = principalOf(request);
  return principal?.kind === 'user' ? `account:${principal.email}` : ipOf(request);
}

/** Uploads count against their token (or person), so one busy pipeline cannot starve the others. */
function senderOf(request: Request): string {
  const principal = principalOf(request);
  return principal ? `${principal.kind}:${principal.id}` : ipOf(request);
}

/**
 * One named throttler per limit; each applies only to the routes of its kind, and counts them together
 * (the library would count each route apart), so one allowance covers all uploads of a token.
 */
export function throttlers(limits: RateLimits): ThrottlerOptions[] {
  const make = (name: string, kind: RateLimitKind, limit: Limit | null, tracker: (request: Request) => string): ThrottlerOptions[] =>
    limit
      ? [
          {
            name,
            limit: limit.limit,
            ttl: limit.ttlMs,
            skipIf: (context) => kindOf(context) !== kind,
            getTracker: (request) => tracker(request as Request),
            generateKey: (_context, trackerKey) => `${name}|${trackerKey}`,
          },
        ]
      : [];
  return [
    ...make('login-ip', 'login', limits.loginPerIp, ipOf),
    ...make('login-account', 'login', limits.loginPerAccount, accountOf),
    ...make('ingest-sender', 'ingest', limits.ingestPerPrincipal, senderOf),
    ...make('ingest-ip', 'ingest', limits.ingestPerIp, ipOf),
  ];
}
