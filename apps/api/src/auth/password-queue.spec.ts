import { DomainError } from '../common/domain-error';
import { PasswordQueue } from './password-queue';

/** Work that finishes when the test says so, counting how many run at once. */
function gate() {
  let running = 0;
  let peak = 0;
  const releases: (() => void)[] = [];
  const work = () =>
    new Promise<string>((resolve) => {
      peak = Math.max(peak, ++running);
      releases.push(() => {
        running--;
        resolve('done');
      });
    });
  return { work, releaseAll: () => releases.splice(0).forEach((release) => release()), peak: () => peak, started: () => releases.length };
}

describe(PasswordQueue.name, () => {
  it('runs at most `concurrency` hashes at once and lets the rest wait their turn', async () => {
    const sut = new PasswordQueue({ concurrency: 2, maxWaiting: 10 });
    const g = gate();
    const results = Array.from({ length: 6 }, () => sut.run(g.work));
    await new Promise((r) => setImmediate(r));
    expect(sut.load).toEqual({ active: 2, waiting: 4 });
    while (g.started() > 0) {
      g.releaseAll();
      await new Promise((r) => setImmediate(r));
    }
    expect(await Promise.all(results)).toEqual(Array(6).fill('done'));
    expect(g.peak()).toBe(2);
  });

  it('refuses work past the waiting bound with 429 and a Retry-After, and takes work again once there is room', async () => {
    const sut = new PasswordQueue({ concurrency: 1, maxWaiting: 2 });
    const g = gate();
    const admitted = [sut.run(g.work), sut.run(g.work), sut.run(g.work)];
    await new Promise((r) => setImmediate(r));
    const refused = await sut.run(g.work).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused).toMatchObject({ code: 'rate_limited', retryAfterSeconds: 1 });
    while (g.started() > 0) {
      g.releaseAll();
      await new Promise((r) => setImmediate(r));
    }
    await Promise.all(admitted);
    const again = sut.run(g.work);
    await new Promise((r) => setImmediate(r));
    g.releaseAll();
    expect(await again).toBe('done');
  });
});
