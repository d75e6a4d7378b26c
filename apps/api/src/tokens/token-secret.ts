import { randomBytes } from 'node:crypto';
import { newSecret } from '../auth/secrets';

/**
 * `esc_<prefix>_<secret>`: a recognisable start (secret scanners and people can tell what leaked), a
 * public prefix that finds the row and names the token in lists, and 256 random bits of secret.
 */
const FORMAT = /^esc_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export interface TokenParts {
  prefix: string;
  secret: string;
}

export function newToken(): TokenParts & { value: string } {
  const prefix = randomBytes(6).toString('hex');
  const secret = newSecret(32);
  return { prefix, secret, value: `esc_${prefix}_${secret}` };
}

export function parseToken(value: string): TokenParts | null {
  const match = FORMAT.exec(value);
  return match ? { prefix: match[1], secret: match[2] } : null;
}
