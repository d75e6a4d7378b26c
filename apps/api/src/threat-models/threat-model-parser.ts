import { Inject, Injectable } from '@nestjs/common';
import { InputError, MAX_JSON_DEPTH, parseThreatModel, type ParseThreatModelOptions, type ThreatModelDocument } from '@escapement/domain';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { DomainError } from '../common/domain-error';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { ParseOutcome } from './threat-model-parse.worker';
import { WorkerSlots } from './worker-slots';

/** The compiled worker beside this file; absent when the API runs from its TypeScript sources (tests). */
const WORKER = path.join(__dirname, 'threat-model-parse.worker.js');

/**
 * Reads threat-model files with the configured bounds. A 10 MB YAML model takes seconds to read, so
 * the server reads each in a worker thread of its own: the request thread keeps answering, the
 * worker's heap is capped and its time limited, and its memory is given back when it ends. A few
 * workers run at once (ESCAPEMENT_THREAT_MODEL_PARSE_CONCURRENCY), as many uploads again wait, and
 * more are answered 429, so parallel uploads cannot multiply the memory without bound. Run from
 * TypeScript sources (the in-process test suites), where no compiled worker exists, it reads inline.
 */
@Injectable()
export class ThreatModelParser {
  private readonly inWorker = __filename.endsWith('.js') && fs.existsSync(WORKER);
  private readonly slots: WorkerSlots;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.slots = new WorkerSlots(config.threatModels.parseConcurrency, config.threatModels.parseConcurrency);
  }

  async parse(text: string, options: Omit<ParseThreatModelOptions, 'limits'>): Promise<ThreatModelDocument> {
    const { glob, maxRulesPerComponent, maxComponents } = this.config.threatModels;
    // The nesting bound is the one every other upload is read with.
    const full: ParseThreatModelOptions = { ...options, limits: { maxDepth: MAX_JSON_DEPTH, glob, maxRulesPerComponent, maxComponents } };
    return this.inWorker ? this.slots.run(() => this.parseInWorker(text, full)) : parseThreatModel(text, full);
  }

  private parseInWorker(text: string, options: ParseThreatModelOptions): Promise<ThreatModelDocument> {
    const { parseTimeoutMs, parseMemoryMb } = this.config.threatModels;
    const tooLarge = (why: string) => new DomainError('payload_too_large', `The threat model could not be read ${why}; split it, or raise the limit (docs/security.md)`);
    return new Promise((resolve, reject) => {
      const worker = new Worker(WORKER, { workerData: { text, options }, resourceLimits: { maxOldGenerationSizeMb: parseMemoryMb } });
      let settled = false;
      const settle = (act: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        void worker.terminate();
        act();
      };
      const timer = setTimeout(() => settle(() => reject(tooLarge(`within ${parseTimeoutMs / 1000} s`))), parseTimeoutMs);
      worker.once('message', (outcome: ParseOutcome) =>
        settle(() => {
          if (outcome.ok) resolve(outcome.document);
          else if ('input' in outcome) reject(new InputError(outcome.input.message, outcome.input.problems));
          else reject(new Error(`Reading the threat model failed: ${outcome.error}`));
        }),
      );
      worker.once('error', (error: Error & { code?: string }) =>
        settle(() => reject(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? tooLarge(`within ${parseMemoryMb} MB of memory`) : error)),
      );
      worker.once('exit', (code) => settle(() => reject(new Error(`The threat-model reader stopped (exit code ${code}) before answering`))));
    });
  }
}
