import { mulberry32, MULBERRY32_STEP, seededRandom } from './seeded-random';

describe(mulberry32.name, () => {
  it('gives seededRandom’s numbers from a state kept as a signed integer, as a hot loop keeps it', () => {
    for (const seed of [0, 1, 7, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1]) {
      const random = seededRandom(seed);
      let state = seed | 0;
      for (let i = 0; i < 10_000; i++) {
        state = (state + MULBERRY32_STEP) | 0;
        expect(mulberry32(state)).toBe(random());
      }
    }
  });
});
