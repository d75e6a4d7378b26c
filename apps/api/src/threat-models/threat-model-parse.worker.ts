import { InputError, parseThreatModel, type ParseThreatModelOptions } from '@escapement/domain';
import { parentPort, workerData } from 'node:worker_threads';

/** Reads one threat-model file off the server's request thread; see ThreatModelParser. */
export type ParseOutcome = { ok: true; document: ReturnType<typeof parseThreatModel> } | { ok: false; input: { message: string; problems: InputError['problems'] } } | { ok: false; error: string };

const { text, options } = workerData as { text: string; options: ParseThreatModelOptions };
let outcome: ParseOutcome;
try {
  outcome = { ok: true, document: parseThreatModel(text, options) };
} catch (error) {
  outcome = error instanceof InputError ? { ok: false, input: { message: error.message, problems: error.problems } } : { ok: false, error: error instanceof Error ? error.message : String(error) };
}
parentPort!.postMessage(outcome);
