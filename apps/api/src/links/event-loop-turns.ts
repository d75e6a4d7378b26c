import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Lets long synchronous work on the request thread (matching thousands of findings against a model)
 * give other requests a turn: `maybeYield` waits for the next turn of the event loop once `sliceMs`
 * of work have passed since the last one, and costs nothing otherwise.
 */
export class EventLoopTurns {
  private since = performance.now();

  constructor(private readonly sliceMs = 20) {}

  async maybeYield(): Promise<void> {
    if (performance.now() - this.since < this.sliceMs) return;
    await nextTurn();
    this.since = performance.now();
  }
}
