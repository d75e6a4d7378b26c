import { EMPTY_TRAIL, pageNumber, readTrail, stepBack, trailForNext, trailState } from './page-trail';

describe(trailForNext.name, () => {
  it('remembers each page left behind, the first as null', () => {
    const second = trailForNext(EMPTY_TRAIL, null);
    const third = trailForNext(second, 'c2');
    expect(third).toEqual({ previous: [null, 'c2'] });
    expect(pageNumber(third, 'c3')).toBe(3);
  });
});

describe(stepBack.name, () => {
  it('returns to the page before, then to the first', () => {
    const { cursor, trail } = stepBack({ previous: [null, 'c2'] });
    expect(cursor).toBe('c2');
    expect(stepBack(trail)).toEqual({ cursor: null, trail: EMPTY_TRAIL });
  });

  it('leads a page opened from a link, without a trail, to the first page', () => {
    expect(stepBack(EMPTY_TRAIL)).toEqual({ cursor: null, trail: EMPTY_TRAIL });
  });
});

describe(pageNumber.name, () => {
  it('knows the first page, and does not guess for a linked page', () => {
    expect(pageNumber(EMPTY_TRAIL, null)).toBe(1);
    expect(pageNumber(EMPTY_TRAIL, 'c5')).toBeNull();
  });
});

describe(readTrail.name, () => {
  it('reads what trailState wrote and ignores anything else', () => {
    expect(readTrail(trailState({ previous: [null, 'a'] }))).toEqual({ previous: [null, 'a'] });
    expect(readTrail(null)).toEqual(EMPTY_TRAIL);
    expect(readTrail({ pageTrail: { previous: [1, 2] } })).toEqual(EMPTY_TRAIL);
    expect(readTrail({ other: true })).toEqual(EMPTY_TRAIL);
  });
});
