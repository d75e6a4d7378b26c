/**
 * A small seeded pseudo-random generator (mulberry32, public domain): uniform doubles in [0, 1). Monte Carlo
 * p-values must be reproducible from their seed, which Math.random is not; 32 bits of state are plenty for
 * shuffling a few dozen units some thousands of times. Ten lines here instead of a dependency (seedrandom):
 * the domain library runs in the browser too and has kept its statistics dependency-free.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
