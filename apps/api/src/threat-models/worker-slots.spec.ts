import { DomainError } from '../common/domain-error';
import { WorkerSlots } from './worker-slots';

describe(WorkerSlots.name, () => {
  const gate = () => {
    let open!: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    return { open, opened };
  };

  it('runs at most `running` tasks at once, the next in line taking a freed slot', async () => {
    const sut = new WorkerSlots(1, 5);
    const first = gate();
    const order: string[] = [];
    const a = sut.run(async () => {
      order.push('a starts');
      await first.opened;
      order.push('a ends');
    });
    const b = sut.run(async () => {
      order.push('b starts');
    });
    await new Promise((r) => setImmediate(r));
    expect(order).toEqual(['a starts']);
    first.open();
    await Promise.all([a, b]);
    expect(order).toEqual(['a starts', 'a ends', 'b starts']);
  });

  it('refuses with a retry hint once the queue is full, and frees slots after failures', async () => {
    const sut = new WorkerSlots(1, 1);
    const first = gate();
    const a = sut.run(() => first.opened);
    const b = sut.run(async () => {
      throw new Error('b failed');
    });
    await expect(sut.run(async () => 'c')).rejects.toEqual(expect.objectContaining({ code: 'rate_limited', retryAfterSeconds: 5 }));
    await expect(sut.run(async () => 'c')).rejects.toBeInstanceOf(DomainError);
    first.open();
    await a;
    await expect(b).rejects.toThrow('b failed');
    await expect(sut.run(async () => 'd')).resolves.toBe('d');
  });
});
