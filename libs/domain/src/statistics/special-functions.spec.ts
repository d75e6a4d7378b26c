import { erfc, logFactorial, logGamma, normalCdf, normalQuantile, twoSidedNormalPValue } from './special-functions';

/** |actual − expected| ≤ tolerance · |expected|: tail probabilities are judged by their significant digits. */
function expectRelative(actual: number, expected: number, tolerance: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance * Math.abs(expected));
}

/** How many units in the last place of `expected` the two differ by. */
function ulpsApart(actual: number, expected: number): number {
  return Math.abs(actual - expected) / 2 ** (Math.floor(Math.log2(Math.abs(expected))) - 52);
}

describe(erfc.name, () => {
  const sut = erfc;

  it('matches Abramowitz & Stegun (1964) Table 7.1 (erf to 15 decimals) to 1e-15', () => {
    // A&S Table 7.1: erf 0.5 = 0.520499877813047, erf 1 = 0.842700792949715, erf 2 = 0.995322265018953.
    expect(Math.abs(sut(0.5) - (1 - 0.520499877813047))).toBeLessThan(1e-15);
    expect(Math.abs(sut(1) - (1 - 0.842700792949715))).toBeLessThan(1e-15);
    expect(Math.abs(sut(2) - (1 - 0.995322265018953))).toBeLessThan(1e-15);
  });

  it('keeps its relative precision deep in the tail (reference: mpmath 1.3.0 at 50 digits)', () => {
    expectRelative(sut(0.1), 0.8875370839817151016, 1e-15);
    expectRelative(sut(1.5), 0.033894853524689273, 1e-14);
    expectRelative(sut(3), 2.2090496998585441373e-5, 1e-14);
    expectRelative(sut(5), 1.5374597944280348502e-12, 1e-14);
    expectRelative(sut(10), 2.088487583762544757e-45, 1e-14);
    expectRelative(sut(20), 5.3958656116079009289e-176, 1e-13);
  });

  it('is 2 − erfc(−x) for negative x, 1 at 0, and 0 or 2 at the infinities', () => {
    expect(sut(0)).toBe(1);
    expect(sut(-1)).toBeCloseTo(2 - 0.15729920705028513, 15);
    expect(sut(Infinity)).toBe(0);
    expect(sut(-Infinity)).toBe(2);
    expect(sut(NaN)).toBeNaN();
  });

  it('is within 2e-16 of mpmath 1.3.0 (60 digits) across its range', () => {
    expectRelative(sut(0.75), 0.2888443663464848684010621654085892226258, 2e-16);
    expectRelative(sut(1.4999), 0.03390674833770472937822749411595689148292, 2e-16);
    expectRelative(sut(4), 1.541725790028001885215967348688404857215e-8, 2e-16);
    expectRelative(sut(-3), 1.999977909503001414558627223870417679, 2e-16);
  });
});

describe(normalCdf.name, () => {
  const sut = normalCdf;

  it('matches Abramowitz & Stegun (1964) Table 26.1 (P(x) to 15 decimals) to 1e-15', () => {
    expect(Math.abs(sut(1) - 0.841344746068543)).toBeLessThan(1e-15);
    expect(Math.abs(sut(2) - 0.977249868051821)).toBeLessThan(1e-15);
    expect(Math.abs(sut(3) - 0.99865010196837)).toBeLessThan(1e-15);
    expect(Math.abs(sut(0.5) - 0.691462461274013)).toBeLessThan(1e-15);
  });

  it('gives Φ(1.96) = 0.975002104851780 and Φ(0) = 1/2', () => {
    expect(Math.abs(sut(1.96) - 0.97500210485178)).toBeLessThan(1e-15);
    expect(sut(0)).toBe(0.5);
  });

  it('keeps the lower tail relative to its value (reference: mpmath 1.3.0 at 50 digits)', () => {
    expectRelative(sut(-1), 0.15865525393145705141, 1e-15);
    expectRelative(sut(-5), 2.8665157187919391167e-7, 1e-14);
    expectRelative(sut(-10), 7.619853024160526066e-24, 1e-13);
    expectRelative(sut(-20), 2.7536241186062336951e-89, 1e-13);
  });
});

describe(twoSidedNormalPValue.name, () => {
  it('is 2Φ(−|z|): 0.05 at 1.959963984540054, symmetric in z', () => {
    const sut = twoSidedNormalPValue;
    expect(sut(1.959963984540054)).toBeCloseTo(0.05, 15);
    expect(sut(-1.959963984540054)).toBe(sut(1.959963984540054));
    expect(sut(0)).toBe(1);
  });
});

describe(normalQuantile.name, () => {
  const sut = normalQuantile;

  it('inverts Φ to 1e-14 at the quantiles statistics tables print (A&S Table 26.5; mpmath)', () => {
    expect(Math.abs(sut(0.975) - 1.959963984540054)).toBeLessThan(1e-14);
    expect(Math.abs(sut(0.95) - 1.6448536269514722)).toBeLessThan(1e-14);
    expect(Math.abs(sut(0.995) - 2.5758293035489004)).toBeLessThan(1e-14);
    expect(Math.abs(sut(0.9) - 1.2815515655446006)).toBeLessThan(1e-14);
    expect(Math.abs(sut(0.8) - 0.8416212335729143)).toBeLessThan(1e-14);
    expect(Math.abs(sut(0.025) + 1.959963984540054)).toBeLessThan(1e-14);
  });

  it('stays exact far out in the tails', () => {
    expectRelative(sut(1e-10), -6.3613409024040561991, 1e-14);
    expectRelative(sut(0.999999), 4.7534243088170877657, 1e-9); // 1 − 1e-6 itself carries a 1e-11 relative rounding error
  });

  it('keeps full precision down to p = 1e-300, where some libraries give up (mpmath 1.3.0, 60 digits)', () => {
    expectRelative(sut(1e-20), -9.26234008979840757957209460428, 1e-15);
    expectRelative(sut(1e-100), -21.2734535609653242941795170354, 1e-15);
    expectRelative(sut(1e-300), -37.0470962993611992365470425049, 1e-15);
  });

  it('is 0 at one half, ±∞ at 0 and 1, and rejects probabilities outside [0, 1]', () => {
    expect(sut(0.5)).toBe(0);
    expect(sut(0)).toBe(-Infinity);
    expect(sut(1)).toBe(Infinity);
    expect(() => sut(1.5)).toThrow(RangeError);
    expect(() => sut(NaN)).toThrow(RangeError);
  });
});

describe(logGamma.name, () => {
  const sut = logGamma;

  it('gives ln Γ(1/2) = ln √π and ln Γ(1) = ln Γ(2) = 0', () => {
    expect(sut(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14);
    expect(Math.abs(sut(1))).toBeLessThan(1e-14);
    expect(Math.abs(sut(2))).toBeLessThan(1e-14);
  });

  it('matches mpmath 1.3.0 (50 digits) to a few ulps of the value', () => {
    expect(sut(1.5)).toBeCloseTo(-0.1207822376352452223455, 14);
    expect(sut(7.3)).toBeCloseTo(7.147892523022248692104, 14);
    expect(sut(0.001)).toBeCloseTo(6.907178885383853661684, 13);
    expectRelative(sut(100), 359.134205369575398776, 4e-16);
    expectRelative(sut(1000.5), 5908.674175848677488684, 4e-16);
  });

  it('is within one ulp at the published constants Γ(1/3), Γ(1/4), Γ(2/3) and next to its zeros at 1 and 2', () => {
    // Γ(1/3) = 2.678938534707747633… (OEIS A073005), Γ(1/4) = 3.625609908221908311… (A068466); the
    // expected values are ln Γ at the doubles nearest 1/3, 1/4 and 2/3, from mpmath 1.3.0 at 40 digits.
    expect(ulpsApart(sut(1 / 3), 0.985420646927767127141440978358992807425)).toBeLessThanOrEqual(1);
    expect(ulpsApart(sut(1 / 4), 1.288022524698077457370610440219717295925)).toBeLessThanOrEqual(1);
    expect(ulpsApart(sut(2 / 3), 0.303150275147523617460336159357428444215)).toBeLessThanOrEqual(1);
    expect(ulpsApart(sut(0.9), 0.06637623973474295442597110504191792848558)).toBeLessThanOrEqual(1);
    expect(ulpsApart(sut(1.1), -0.04987244125983976178528913975895584863287)).toBeLessThanOrEqual(1);
    expect(ulpsApart(sut(2.5), 0.2846828704729191596324946696827019243201)).toBeLessThanOrEqual(1);
    expect(Math.exp(sut(1 / 3))).toBeCloseTo(2.678938534707747633, 14);
  });

  it('rejects x <= 0', () => {
    expect(() => sut(0)).toThrow(RangeError);
    expect(() => sut(-1)).toThrow(RangeError);
  });
});

describe(logFactorial.name, () => {
  const sut = logFactorial;

  it('is ln n!, exact for small n and accurate at the counts of a large organisation (mpmath 1.3.0)', () => {
    expect(sut(0)).toBe(0);
    expect(sut(1)).toBe(0);
    expect(sut(10)).toBeCloseTo(Math.log(3628800), 15);
    expectRelative(sut(22), 48.47118135183522387964, 3e-16);
    expectRelative(sut(23), 51.60667556776437357045, 3e-16);
    expectRelative(sut(1000), 5912.128178488163348878, 3e-16);
    expectRelative(sut(10000), 82108.92783681435345539, 3e-16);
    expectRelative(sut(100000), 1051299.221899121865129, 3e-16);
  });

  it('rejects non-integers and negatives', () => {
    expect(() => sut(1.5)).toThrow(RangeError);
    expect(() => sut(-1)).toThrow(RangeError);
  });
});
