import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';

/**
 * The dashboard's policy: scripts, styles and data only from this origin, no plugins, no framing, no
 * <base> rewriting. A cross-site script injection has nowhere to load code from and nowhere to send data.
 */
const DASHBOARD_CSP = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/** Swagger UI at /api/docs writes its own inline styles; only that page gets them. */
const DOCS_CSP = { ...DASHBOARD_CSP, 'style-src': ["'self'", "'unsafe-inline'"] };

function policy(directives: Record<string, string[]>): RequestHandler {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives },
    // Browsers ignore it over plain HTTP; behind HTTPS it keeps them there. Subdomains are not this app's to decide.
    strictTransportSecurity: { maxAge: 15_552_000, includeSubDomains: false },
    referrerPolicy: { policy: 'no-referrer' },
  });
}

/** Security headers on every answer, and no caching of API data by browsers or proxies. */
export function securityHeaders(): RequestHandler {
  const dashboard = policy(DASHBOARD_CSP);
  const docs = policy(DOCS_CSP);
  return (request: Request, response: Response, next: NextFunction) => {
    if (request.path.startsWith('/api/') && !request.path.startsWith('/api/docs')) response.setHeader('Cache-Control', 'no-store');
    return (request.path === '/api/docs' || request.path.startsWith('/api/docs/') ? docs : dashboard)(request, response, next);
  };
}
