import type { CorsOptions } from '@nestjs/common/interfaces/external/cors-options.interface';
import { CSRF_HEADER } from '@escapement/domain';

/**
 * CORS stays closed (no headers at all) unless ESCAPEMENT_CORS_ORIGINS names origins. Even then no
 * credentials are allowed: the session cookie is SameSite=Strict and for the dashboard's own origin;
 * other origins call the API with tokens.
 */
export function corsOptions(origins: readonly string[]): CorsOptions | null {
  if (!origins.length) return null;
  return {
    origin: [...origins],
    credentials: false,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Content-Encoding', CSRF_HEADER],
    exposedHeaders: ['Location', 'Retry-After', 'X-Request-Id'],
    maxAge: 600,
  };
}
