import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import { once } from 'node:events';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { csvCell, xlsxCell, type ExportTable } from '@escapement/domain';

/**
 * Waits while the receiver is behind, so a slow download holds rows in the database, not in memory. Both
 * listeners go once either fires: a race of two `events.once` left the loser's listener (and its error
 * listener) on the response at every wait, a leak that grew with the rows exported.
 */
export async function drained(out: Writable): Promise<void> {
  if (out.writableNeedDrain && !out.destroyed) await firstOf(out, ['drain', 'close']);
}

interface Emitter {
  on(event: string, listener: () => void): unknown;
  off(event: string, listener: () => void): unknown;
}

/** Resolves at the first of these events, or after `timeoutMs` when given, and takes its listeners off then. */
function firstOf(emitter: Emitter, events: readonly string[], timeoutMs?: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      for (const event of events) emitter.off(event, done);
      resolve();
    };
    const timer = timeoutMs === undefined ? undefined : setTimeout(done, timeoutMs);
    for (const event of events) emitter.on(event, done);
  });
}

/** Writes text, waiting for the receiver when its buffer is full. */
export async function writeText(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await drained(out);
}

/**
 * CSV (RFC 4180) with a UTF-8 byte order mark, so spreadsheets read non-Latin text correctly; csv-stringify
 * quotes fields holding commas, quotes or line breaks.
 */
export async function writeCsv<T>(table: ExportTable<T>, rows: AsyncIterable<T> | Iterable<T>, out: Writable): Promise<void> {
  const csv = stringify({ bom: true, quoted_match: /\r/ });
  // A receiver that goes away ends the pipeline with a premature close: the export stops there, and that is
  // not an error. The pipeline's end is observed from the start, so no failure of it goes unhandled while
  // rows are read (one that did ended the process).
  let failure: unknown = null;
  const piped = pipeline(csv, out).then(
    () => undefined,
    (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ERR_STREAM_PREMATURE_CLOSE') failure = error;
    },
  );
  const put = async (record: string[]) => {
    if (!csv.write(record)) await Promise.race([once(csv, 'drain').catch(() => undefined), piped]);
  };
  await put(table.columns.map((c) => c.header));
  for await (const row of rows) {
    if (out.destroyed || csv.destroyed) break;
    await put(table.columns.map((c) => csvCell(c.value(row))));
  }
  if (!csv.destroyed) csv.end();
  await piped;
  if (failure) throw failure;
}

const DATE_FORMAT = 'yyyy-mm-dd hh:mm:ss';

/**
 * XLSX written row by row (exceljs's streaming WorkbookWriter): typed cells (dates as dates, numbers as
 * numbers), a bold header row frozen in place, and column widths that fit the data.
 */
export async function writeXlsx<T>(tables: { table: ExportTable<T>; rows: AsyncIterable<T> | Iterable<T> }[], out: Writable): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Escapement';
  workbook.created = new Date();
  for (const { table, rows } of tables) {
    const sheet = workbook.addWorksheet(table.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = table.columns.map((c, i) => ({
      key: String(i),
      header: c.header,
      width: c.width,
      ...(c.type === 'date' ? { style: { numFmt: DATE_FORMAT } } : {}),
    }));
    sheet.getRow(1).font = { bold: true };
    sheet.getRow(1).commit();
    // One style object per column, shared by its cells: exceljs looks a cell's style up by identity first, and
    // the fresh copy addRow gives every cell was serialised to XML and looked up by that text, cell by cell,
    // which was half the time a row took. The file is the same byte for byte: an empty style is the default
    // one for text, number, boolean and empty cells alike, and a date column's format applies whatever the cell.
    const styles: Partial<ExcelJS.Style>[] = table.columns.map((c) => (c.type === 'date' ? { numFmt: DATE_FORMAT } : {}));
    let written = 0;
    for await (const row of rows) {
      if (out.destroyed) break;
      const added = sheet.addRow(table.columns.map((c) => xlsxCell(c.value(row))));
      for (let i = 0; i < styles.length; i++) added.getCell(i + 1).style = styles[i];
      added.commit();
      await zipCaughtUp(sheet);
      await drained(out);
      if (++written % ROWS_PER_TURN === 0) await nextTurn();
    }
    sheet.commit();
  }
  await workbook.commit();
}

/**
 * Rows rendered between turns of the event loop. The zip's compressor runs in the thread pool and hands
 * back its output on a later turn; rows of a fetched batch come without one (the cursor's 500 rows are
 * all in memory), so the compressor and the download waited for the whole batch to be rendered and the
 * first 16 KiB of a file took 108 ms (p50) where CSV's took 21. Yielding lets deflating and sending run
 * beside rendering, on the other core.
 */
const ROWS_PER_TURN = 25;

/** How much of a sheet's XML may wait for the zip's compressor before rows stop being added. */
const MAX_XML_WAITING = 1 << 20;

/** The part of exceljs's streaming worksheet (4.4) that holds its XML until the zip takes it. */
interface SheetXmlStream {
  pipes?: (Emitter & { writableLength?: number; _writableState?: { length: number }; destroyed?: boolean })[];
}

/**
 * Waits while the zip is behind on the sheet. exceljs hands each sheet's XML to the zip without looking at
 * the compressor's backpressure, so rows read faster than they are deflated piled up in memory: a
 * million-finding XLSX held the whole uncompressed sheet (over a gigabyte) before any byte reached the
 * download. Rows now wait until the compressor has taken all but a megabyte; the wait also ends after 50 ms
 * and looks again, since the stream exceljs pipes into signals a drain only after a refused write.
 */
export async function zipCaughtUp(sheet: ExcelJS.Worksheet): Promise<void> {
  const { pipes = [] } = (sheet as unknown as { stream?: SheetXmlStream }).stream ?? {};
  for (const pipe of pipes) {
    while (!pipe.destroyed && (pipe.writableLength ?? pipe._writableState?.length ?? 0) > MAX_XML_WAITING) await firstOf(pipe, ['drain'], 50);
  }
}

/** A JSON array written element by element. */
export async function writeJsonArray<T>(rows: AsyncIterable<T>, out: Writable, map: (row: T) => unknown): Promise<void> {
  let first = true;
  await writeText(out, '[');
  for await (const row of rows) {
    if (out.destroyed) break;
    await writeText(out, `${first ? '\n' : ',\n'}${JSON.stringify(map(row))}`);
    first = false;
  }
  await writeText(out, first ? ']\n' : '\n]\n');
  out.end();
}
