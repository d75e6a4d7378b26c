/** MurmurHash3's 32-bit finaliser: a bijection on 32-bit integers that scatters every input bit. */
function fmix32(value: number): number {
  let h = value >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Two hex digits per byte value: formatting by table is several times faster than toString(16) + padStart. */
const HEX_BYTES = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

function hex8(value: number): string {
  return HEX_BYTES[value >>> 24] + HEX_BYTES[(value >>> 16) & 0xff] + HEX_BYTES[(value >>> 8) & 0xff] + HEX_BYTES[value & 0xff];
}

/**
 * A 64-hex-digit fingerprint for the demo finding at `index`, shaped like a SHA-256. Pure arithmetic
 * instead of node:crypto, because the domain library also runs in the browser. The first word is a
 * bijection of the index, so fingerprints never collide within one seed; the other seven depend on
 * the seed too, so two demo data sets loaded side by side do not merge each other's findings.
 */
export function demoFingerprint(seed: number, index: number): string {
  if (!Number.isInteger(index) || index < 0 || index > 0xffffffff) {
    throw new RangeError(`demoFingerprint needs an index in [0, 2^32), got ${index}`);
  }
  const key = fmix32((seed >>> 0) ^ 0x5bd1e995);
  let hex = hex8(fmix32((index ^ key) >>> 0));
  for (let word = 1; word < 8; word++) {
    hex += hex8(fmix32(fmix32((index + Math.imul(word, 0x9e3779b9)) >>> 0) ^ key ^ word));
  }
  return hex;
}
