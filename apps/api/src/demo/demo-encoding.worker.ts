// The encoder's modules name Nest's decorators, which record their metadata through this.
import 'reflect-metadata';
import { parentPort, workerData } from 'node:worker_threads';
import { encodeDemo } from './demo-encoding';
import type { EncodingThreadData, FromEncodingThread } from './demo-encoding-thread';

/**
 * The demo's encoding thread (`demoBatches`): encodes the demo's batches in order and posts each, running
 * at most `ahead` batches ahead of those the loading thread has taken (each taken batch is one message back).
 */
const { task, ahead } = workerData as EncodingThreadData;
const port = parentPort!;
let allowed = ahead;
let more: (() => void) | null = null;
port.on('message', () => {
  allowed += 1;
  more?.();
  more = null;
});

async function encodeAll(): Promise<void> {
  const encoding = encodeDemo(task);
  for (;;) {
    const next = encoding.next();
    if (next.done) {
      port.postMessage({ end: next.value } satisfies FromEncodingThread);
      port.close();
      return;
    }
    if (next.value === null) continue;
    while (allowed === 0) await new Promise<void>((resolve) => (more = resolve));
    allowed -= 1;
    port.postMessage({ batch: next.value } satisfies FromEncodingThread);
  }
}

// A failure reaches the loading thread as the worker's 'error' event.
void encodeAll().catch((error: unknown) => {
  throw error;
});
