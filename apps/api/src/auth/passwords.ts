import * as argon2 from 'argon2';
import { randomBytes } from 'node:crypto';

/** NIST SP 800-63B allows 8; a tool holding every open vulnerability of an organisation asks for more. */
export const PASSWORD_MIN_LENGTH = 12;
/** Hashing cost grows with length: a ceiling stops a megabyte "password" from being a denial of service. */
export const PASSWORD_MAX_LENGTH = 256;

/** argon2id with the library's defaults (64 MiB, 3 passes, 4 lanes): above OWASP's minimum. */
const OPTIONS = { type: argon2.argon2id } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

let decoy: Promise<string> | null = null;

/**
 * Checks a password. Without a stored hash (no such account) a decoy hash is checked instead, so that
 * the answer takes as long and does not tell which email addresses have accounts.
 */
export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  if (!hash) {
    decoy ??= hashPassword(randomBytes(16).toString('hex'));
    await argon2.verify(await decoy, password).catch(() => false);
    return false;
  }
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** True when a hash was made with weaker settings than today's; it is replaced at the next login. */
export function needsRehash(hash: string): boolean {
  try {
    // Compared with the library's defaults, which are what hashPassword uses.
    return argon2.needsRehash(hash);
  } catch {
    return true;
  }
}

/** A random password to hand over once (144 bits); its owner must replace it at first login. */
export function oneTimePassword(): string {
  return randomBytes(18).toString('base64url');
}

/** Why a new password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, email: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `must be at least ${PASSWORD_MIN_LENGTH} characters`;
  if (password.length > PASSWORD_MAX_LENGTH) return `must be at most ${PASSWORD_MAX_LENGTH} characters`;
  if (password.trim().length === 0) return 'must not be blank';
  if (password.toLowerCase() === email.toLowerCase()) return 'must not be the email address';
  return null;
}
