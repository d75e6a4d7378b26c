import { EventLoopTurns } from './event-loop-turns';

describe(EventLoopTurns.name, () => {
  it('lets callbacks queued meanwhile run once a slice is used up', async () => {
    const sut = new EventLoopTurns(0);
    let ran = false;
    setImmediate(() => (ran = true));
    await sut.maybeYield();
    expect(ran).toBe(true);
  });

  it('does not yield within a slice', async () => {
    const sut = new EventLoopTurns(60_000);
    let ran = false;
    setImmediate(() => (ran = true));
    await sut.maybeYield();
    expect(ran).toBe(false);
  });
});
