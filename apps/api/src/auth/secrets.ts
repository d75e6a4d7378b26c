import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** 256 random bits as URL-safe text: session cookies and token secrets. */
export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/**
 * What is stored instead of a secret. A fast hash suffices (no salt, no stretching) because the secrets
 * are 256 random bits: there is no dictionary to try, unlike a password.
 */
export function sha256(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}

/** Compares in constant time, so response timing reveals nothing about how much of a secret matched. */
export function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The CSRF token of a session: derived from the session's secret, so it needs no storage, changes with
 * every session, and cannot be computed by a page that cannot read the HttpOnly cookie.
 */
export function csrfTokenOf(sessionSecret: string): string {
  return createHmac('sha256', sessionSecret).update('escapement csrf v1').digest('base64url');
}

export function sameText(a: string, b: string): boolean {
  return sameBytes(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
