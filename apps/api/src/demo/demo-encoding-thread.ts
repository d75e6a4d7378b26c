import { existsSync } from 'node:fs';
import path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import type { EncodedBatch } from './demo-batch-encoder';
import { encodeDemo, type DemoEncodingEnd, type DemoEncodingTask } from './demo-encoding';

/** What the encoding thread starts with. */
export interface EncodingThreadData {
  task: DemoEncodingTask;
  ahead: number;
}

/** What the encoding thread posts: each batch in order, then the end. */
export type FromEncodingThread = { batch: EncodedBatch } | { end: DemoEncodingEnd };

/**
 * Batches the encoding thread may run ahead of the staging: enough that it never waits while a batch is
 * staged, few enough to bound what waits in memory (a batch's parameters are a few megabytes).
 */
const BATCHES_AHEAD = 4;
/**
 * The encoding thread's young generation: a batch's objects (sightings, merged findings, links) live until
 * it is encoded, and with the default size most of them outlived it and were copied twice; at 300,000
 * findings, 64 MB semi-spaces cut the encoding's CPU by a sixth. V8 sizes the young generation as three
 * semi-spaces, so 64 MB each is 192 MB.
 */
const YOUNG_GENERATION_MB = 192;

/** The encoding thread's entry, beside this module once compiled (absent from TypeScript source). */
export const ENCODING_THREAD_ENTRY = path.join(__dirname, 'demo-encoding.worker.js');

/**
 * The demo's encoded batches, in order, then what the encoding learned. Run compiled (the CLI and the
 * server), the encoding has a thread of its own, so that on two cores the loading thread stages one batch
 * while the next is generated and encoded (the encoding was three quarters of the loading thread's work,
 * which bound the load's staging). Run from TypeScript source, which a worker cannot load (the tests), it
 * runs on the loading thread between turns of its event loop: the same batches either way.
 */
export function demoBatches(task: DemoEncodingTask, entry: string | null = existsSync(ENCODING_THREAD_ENTRY) ? ENCODING_THREAD_ENTRY : null): AsyncGenerator<EncodedBatch, DemoEncodingEnd> {
  return entry === null ? onThisThread(task) : onEncodingThread(task, entry);
}

async function* onThisThread(task: DemoEncodingTask): AsyncGenerator<EncodedBatch, DemoEncodingEnd> {
  const encoding = encodeDemo(task);
  for (;;) {
    const next = encoding.next();
    if (next.done) return next.value;
    if (next.value === null) await nextTurn();
    else yield next.value;
  }
}

async function* onEncodingThread(task: DemoEncodingTask, entry: string): AsyncGenerator<EncodedBatch, DemoEncodingEnd> {
  const worker = new Worker(entry, {
    workerData: { task, ahead: BATCHES_AHEAD } satisfies EncodingThreadData,
    resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
  });
  const inbox: FromEncodingThread[] = [];
  let failure: Error | null = null;
  let arrived: (() => void) | null = null;
  const wake = () => {
    arrived?.();
    arrived = null;
  };
  worker.on('message', (message: FromEncodingThread) => {
    inbox.push(message);
    wake();
  });
  worker.on('error', (error) => {
    failure ??= error;
    wake();
  });
  worker.on('exit', (code) => {
    failure ??= new Error(`The demo's encoding thread stopped before its last batch (exit code ${code}).`);
    wake();
  });
  try {
    for (;;) {
      while (inbox.length === 0 && failure === null) await new Promise<void>((resolve) => (arrived = resolve));
      const message = inbox.shift();
      if (message === undefined) throw failure;
      if ('end' in message) return message.end;
      // Taken: the encoding thread may encode one more batch while this one is staged.
      worker.postMessage('more');
      yield message.batch;
    }
  } finally {
    await worker.terminate();
  }
}
