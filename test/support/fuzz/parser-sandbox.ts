import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';

export type ParserName = 'sarif' | 'json' | 'csv' | 'sarif-log' | 'csv-text' | 'native' | 'otm' | 'threat-dragon' | 'threat-model' | 'self-check-hang' | 'self-check-memory';

export interface SandboxLimits {
  /** Past this a run counts as hung: far above any honest parse of a fuzz input, so no machine is too slow for it. */
  hangMs: number;
  /** The worker's heap cap: a parser that allocates past it kills the worker, and the run fails. */
  heapMb: number;
}

export interface RunResult {
  outcome: 'accepted' | 'refused' | 'crashed' | 'hung' | 'out-of-memory';
  detail?: string;
  /** For a measure: heap in use after a full GC. */
  heapUsed?: number;
}

/** How many runs each property makes: short in `npm test`, as many as asked with ESCAPEMENT_FUZZ_RUNS. */
export function fuzzRuns(short: number): number {
  const asked = Number(process.env.ESCAPEMENT_FUZZ_RUNS);
  return Number.isInteger(asked) && asked > 0 ? asked : short;
}

/** A fixed seed by default, so a failure in `npm test` reproduces; ESCAPEMENT_FUZZ_SEED picks another. */
export function fuzzSeed(fixed: number): number {
  const asked = Number(process.env.ESCAPEMENT_FUZZ_SEED);
  return Number.isInteger(asked) ? asked + fixed : fixed;
}

/**
 * Runs the built parsers in a worker thread with a capped heap (test/support/fuzz/parser-worker.js), one
 * input at a time; a run past `hangMs` terminates the worker (the next run starts a fresh one), so a
 * parser that never returns fails the property instead of stopping the suite.
 */
export class ParserSandbox {
  private worker: Worker | null = null;
  /** Settles once the current worker has loaded the parsers: runs are timed from then on. */
  private ready: Promise<void> = Promise.resolve();
  private nextId = 0;

  constructor(private readonly limits: SandboxLimits) {
    const built = path.join(__dirname, '..', '..', '..', 'apps', 'api', 'dist', 'apps', 'api', 'src', 'imports', 'readers', 'read-import.js');
    if (!fs.existsSync(built)) throw new Error(`${built} is missing: the parsers run from the built code, so build first (npm run build)`);
  }

  run(parser: ParserName, input: string | Uint8Array): Promise<RunResult> {
    return this.send({ parser, input });
  }

  /** The worker's heap in use after a full GC: compared before and after many inputs, it shows a leak. */
  async heapAfterGc(): Promise<number> {
    const result = await this.send({ measure: true });
    if (result.heapUsed === undefined) throw new Error(`no heap measure: ${result.outcome} ${result.detail ?? ''}`);
    return result.heapUsed;
  }

  private async send(message: { parser?: ParserName; input?: string | Uint8Array; measure?: boolean }): Promise<RunResult> {
    const worker = this.worker ?? this.start();
    await this.ready;
    const id = ++this.nextId;
    return new Promise<RunResult>((resolve) => {
      const finish = (result: RunResult) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        resolve(result);
      };
      const onMessage = (message: { id: number } & RunResult) => {
        if (message.id === id) finish({ outcome: message.outcome, detail: message.detail, heapUsed: message.heapUsed });
      };
      const onError = (error: Error & { code?: string }) => {
        this.worker = null;
        finish({ outcome: error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'out-of-memory' : 'crashed', detail: String(error.stack ?? error) });
      };
      const onExit = () => {
        this.worker = null;
        finish({ outcome: 'crashed', detail: 'the worker exited' });
      };
      const timer = setTimeout(() => {
        this.worker = null;
        void worker.terminate();
        finish({ outcome: 'hung', detail: `no answer within ${this.limits.hangMs} ms` });
      }, this.limits.hangMs);
      worker.on('message', onMessage);
      worker.once('error', onError);
      worker.once('exit', onExit);
      worker.postMessage({ id, ...message });
    });
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
    this.worker = null;
  }

  private start(): Worker {
    const worker = new Worker(path.join(__dirname, 'parser-worker.js'), {
      resourceLimits: { maxOldGenerationSizeMb: this.limits.heapMb, maxYoungGenerationSizeMb: 32 },
    });
    worker.unref();
    this.worker = worker;
    // Loading the built parsers takes seconds on a busy machine; that is not the parser hanging.
    this.ready = new Promise<void>((resolve) => {
      const onReady = (message: { ready?: boolean }) => {
        if (!message.ready) return;
        worker.off('message', onReady);
        resolve();
      };
      worker.on('message', onReady);
      worker.once('error', () => resolve());
      worker.once('exit', () => resolve());
    });
    return worker;
  }
}
