import type { TestApp } from './test-app';

/**
 * Waits until no background import is left processing (they are stored by the job queue, in this or
 * another instance), polling generously rather than assuming how fast the machine is.
 */
export async function waitForBackgroundImports(sut: Pick<TestApp, 'sql'>, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [{ n }] = await sut.sql<{ n: number }>(`SELECT count(*)::int AS n FROM imports WHERE status = 'processing'`);
    if (n === 0) return;
    if (Date.now() > deadline) throw new Error(`${n} background import(s) still processing after ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
