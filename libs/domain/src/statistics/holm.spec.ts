import { holmAdjust } from './holm';

describe(holmAdjust.name, () => {
  const sut = holmAdjust;

  it("matches R's p.adjust(c(0.01, 0.04, 0.03, 0.005), 'holm') = 0.03 0.06 0.06 0.02", () => {
    const result = sut([0.01, 0.04, 0.03, 0.005]) as number[];
    [0.03, 0.06, 0.06, 0.02].forEach((expected, i) => expect(result[i]).toBeCloseTo(expected, 15));
  });

  it('keeps the adjusted values monotone and capped at 1', () => {
    const result = sut([0.02, 0.021, 0.9]) as number[];
    [0.06, 0.06, 0.9].forEach((expected, i) => expect(result[i]).toBeCloseTo(expected, 15));
    expect(sut([0.6, 0.7])).toEqual([1, 1]);
  });

  it('leaves untested entries null and out of the count', () => {
    expect(sut([null, 0.02, 0.04])).toEqual([null, 0.04, 0.04]);
  });
});
