import type { Writable } from 'node:stream';
import { SARIF_SCHEMA_URI, sarifResult, sarifRunHead, type ExportedFinding } from '@escapement/domain';
import { writeText } from './table-writers';

/**
 * A SARIF 2.1.0 log written result by result: one run per tool and repository, so the rows must come
 * ordered by tool and repository. Each result keeps its finding's fingerprint (docs/exports.md).
 */
export async function writeSarif(findings: AsyncIterable<ExportedFinding>, out: Writable): Promise<void> {
  await writeText(out, `{"$schema":${JSON.stringify(SARIF_SCHEMA_URI)},"version":"2.1.0","runs":[`);
  let run: string | null = null;
  let firstResult = true;
  for await (const finding of findings) {
    if (out.destroyed) break;
    const key = JSON.stringify([finding.tool, finding.location.repo]);
    if (key !== run) {
      const head = JSON.stringify(sarifRunHead(finding.tool, finding.location.repo));
      await writeText(out, `${run === null ? '' : ']},'}\n${head.slice(0, -1)},"results":[`);
      run = key;
      firstResult = true;
    }
    await writeText(out, `${firstResult ? '\n' : ',\n'}${JSON.stringify(sarifResult(finding))}`);
    firstResult = false;
  }
  await writeText(out, `${run === null ? '' : ']}'}]}\n`);
  out.end();
}
