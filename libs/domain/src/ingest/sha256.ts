import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';

/**
 * SHA-256 of a string's UTF-8 bytes, in lower-case hex. `@noble/hashes` because the domain library also
 * runs in the browser, where node:crypto is missing and WebCrypto is asynchronous, and because an audited
 * implementation is what a reader of a security product expects to find. `utf8ToBytes` encodes like
 * TextEncoder, so a lone surrogate becomes U+FFFD, as node:crypto also does: fingerprints stay stable.
 */
export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}
