/** What a mulberry32 state moves by before each number. */
export const MULBERRY32_STEP = 0x6d2b79f5;

/**
 * mulberry32's number for a state (after its step): a uniform double in [0, 1). A plain function, so that
 * a hot loop keeping its own state (the cluster permutation test draws millions) has it inlined, where a
 * call through a closure holding the state cost twice as much.
 */
export function mulberry32(state: number): number {
  let t = Math.imul(state ^ (state >>> 15), state | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/**
 * A small seeded pseudo-random generator (mulberry32, public domain): uniform doubles in [0, 1). Monte Carlo
 * p-values must be reproducible from their seed, which Math.random is not; 32 bits of state are plenty for
 * shuffling a few dozen units some thousands of times. Ten lines here instead of a dependency (seedrandom):
 * the domain library runs in the browser too and has kept its statistics dependency-free.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + MULBERRY32_STEP) >>> 0;
    return mulberry32(state);
  };
}
