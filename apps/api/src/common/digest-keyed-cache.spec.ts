import { DigestKeyedCache } from './digest-keyed-cache';

describe('DigestKeyedCache', () => {
  it('answers a value only for the key it was kept under', () => {
    const cache = new DigestKeyedCache<number>(10);
    cache.set('{"services":["a"],"version":1}', 0.25);
    expect(cache.get('{"services":["a"],"version":1}')).toBe(0.25);
    expect(cache.get('{"services":["a"],"version":2}')).toBeUndefined();
  });

  it('keeps at most its size, forgetting the least recently used first', () => {
    const cache = new DigestKeyedCache<string>(2);
    cache.set('first', 'one');
    cache.set('second', 'two');
    expect(cache.get('first')).toBe('one');
    cache.set('third', 'three');
    expect(cache.get('second')).toBeUndefined();
    expect(cache.get('first')).toBe('one');
    expect(cache.get('third')).toBe('three');
  });
});
