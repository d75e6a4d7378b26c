import type { CookieOptions, Request, Response } from 'express';

export const SESSION_COOKIE = 'escapement_session';

/**
 * HttpOnly (no script reads it), SameSite=Strict (no other site's page sends it), Secure whenever the
 * request came over HTTPS (behind a proxy only when ESCAPEMENT_TRUST_PROXY=1 lets express believe it).
 */
function options(request: Request): CookieOptions {
  return { httpOnly: true, sameSite: 'strict', secure: request.secure, path: '/' };
}

export function setSessionCookie(request: Request, response: Response, secret: string, expiresAt: Date): void {
  response.cookie(SESSION_COOKIE, secret, { ...options(request), expires: expiresAt });
}

export function clearSessionCookie(request: Request, response: Response): void {
  response.clearCookie(SESSION_COOKIE, options(request));
}
