import * as fs from 'node:fs';
import { detectFormat } from '@escapement/domain';
import type { ImportFormat } from '../import.dto';
import { readCsv } from './csv-reader';
import type { ReadContext, ReadFinding } from './import-reader';
import { readJsonFindings } from './json-findings-reader';
import { readSarif } from './sarif-reader';

/** The reader for a format; `tools` collects the scanner names met on the way (for full scans). */
export function readImport(format: ImportFormat, context: ReadContext, tools: Set<string>): AsyncGenerator<ReadFinding> {
  if (format === 'sarif') return readSarif(context, tools);
  if (format === 'csv') return readCsv(context);
  return readJsonFindings(context);
}

/** Detects a file's format from its first few KB, as the server does for an upload. */
export function detectFileFormat(file: string): ImportFormat | null {
  const handle = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(8 * 1024);
    const read = fs.readSync(handle, buffer, 0, buffer.length, 0);
    return detectFormat(buffer.subarray(0, read).toString('utf8').replace(/^\uFEFF/, ''), file);
  } finally {
    fs.closeSync(handle);
  }
}
