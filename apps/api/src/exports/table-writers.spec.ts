import ExcelJS from 'exceljs';
import { PassThrough, Writable } from 'node:stream';
import type { ExportTable } from '@escapement/domain';
import { drained, writeXlsx, zipCaughtUp } from './table-writers';

/** A receiver that is always behind until told to catch up, like a slow download. */
function slowReceiver() {
  const pending: (() => void)[] = [];
  const out = new Writable({
    highWaterMark: 1,
    write(_chunk, _encoding, callback) {
      pending.push(callback);
    },
  });
  const catchUp = () => pending.splice(0).forEach((callback) => callback());
  return { out, catchUp };
}

describe('drained', () => {
  it('leaves no listener behind after many waits for the receiver', async () => {
    const { out, catchUp } = slowReceiver();
    const before = { drain: out.listenerCount('drain'), close: out.listenerCount('close'), error: out.listenerCount('error') };
    for (let i = 0; i < 50; i += 1) {
      expect(out.write('row\n')).toBe(false);
      const waiting = drained(out);
      setImmediate(catchUp);
      await waiting;
    }
    expect({ drain: out.listenerCount('drain'), close: out.listenerCount('close'), error: out.listenerCount('error') }).toEqual(before);
  });

  it('returns when the receiver goes away instead of waiting for a drain that never comes', async () => {
    const { out } = slowReceiver();
    out.write('row\n');
    const waiting = drained(out);
    out.destroy();
    await expect(waiting).resolves.toBeUndefined();
    expect(out.listenerCount('drain')).toBe(0);
  });

  it('does not wait when the receiver is not behind', async () => {
    const out = new Writable({ write: (_chunk, _encoding, callback) => callback() });
    await expect(drained(out)).resolves.toBeUndefined();
    expect(out.listenerCount('drain')).toBe(0);
  });
});

describe('zipCaughtUp', () => {
  /** A sheet as exceljs's streaming writer leaves it: its XML stream piped into the zip's input. */
  function sheetPipedInto(zipInput: PassThrough) {
    return { stream: { pipes: [zipInput] } } as unknown as Parameters<typeof zipCaughtUp>[0];
  }

  it('holds rows back while more than a megabyte of XML waits for the compressor, until it has taken it', async () => {
    const zipInput = new PassThrough({ highWaterMark: 16384 });
    for (let i = 0; i < 40; i += 1) zipInput.write(Buffer.alloc(65536));
    let caughtUp = false;
    const waiting = zipCaughtUp(sheetPipedInto(zipInput)).then(() => (caughtUp = true));
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(caughtUp).toBe(false);
    zipInput.resume();
    await waiting;
    expect(zipInput.writableLength).toBeLessThanOrEqual(1 << 20);
    expect(zipInput.listenerCount('drain')).toBe(0);
  });

  it('does not wait when the compressor keeps up', async () => {
    const zipInput = new PassThrough();
    zipInput.write(Buffer.alloc(1024));
    await expect(zipCaughtUp(sheetPipedInto(zipInput))).resolves.toBeUndefined();
  });
});

describe(writeXlsx.name, () => {
  interface Row {
    title: string | null;
    at: Date | null;
    line: number | null;
    escaped: boolean;
  }
  const table: ExportTable<Row> = {
    sheet: 'Findings',
    columns: [
      { header: 'title', type: 'text', width: 30, value: (r) => r.title },
      { header: 'at', type: 'date', width: 20, value: (r) => r.at },
      { header: 'line', type: 'number', width: 7, value: (r) => r.line },
      { header: 'escaped', type: 'boolean', width: 9, value: (r) => r.escaped },
    ],
  };
  const row = (i: number): Row => ({
    title: i % 5 === 0 ? null : `Finding ${i}: untrusted data reaches a sensitive sink; review the data flow and add validation`,
    at: i % 3 === 0 ? null : new Date(Date.UTC(2025, 0, 1 + (i % 300))),
    line: i % 4 === 0 ? null : i,
    escaped: i % 2 === 0,
  });

  /** Collects the download; `rows` is read as the writer asks for each row. */
  async function written(rows: Iterable<Row>): Promise<Buffer> {
    const chunks: Buffer[] = [];
    const out = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk);
        callback();
      },
    });
    await writeXlsx([{ table, rows }], out);
    return Buffer.concat(chunks);
  }

  it('gives the compressor turns of the event loop while the rows of a fetched batch are rendered', async () => {
    // A batch the cursor has fetched is in memory: its rows come without a turn of the event loop, on which
    // the compressor's output (and so the download's first bytes) waits.
    let turns = 0;
    let rendering = true;
    const tick = () => {
      turns += 1;
      if (rendering) setImmediate(tick);
    };
    setImmediate(tick);
    let rowsWithTurnBefore = 0;
    function* batch() {
      let seen = turns;
      for (let i = 0; i < 1000; i += 1) {
        if (turns !== seen) rowsWithTurnBefore += 1;
        seen = turns;
        yield row(i);
      }
      rendering = false;
    }
    await written(batch());
    // One turn every few dozen rows, not only when a megabyte of XML waits for the compressor.
    expect(rowsWithTurnBefore).toBeGreaterThanOrEqual(20);
  });

  it('keeps cells typed on every row: dates with their format, numbers, booleans, empty cells, a bold frozen header', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(await written(Array.from({ length: 300 }, (_, i) => row(i)))).buffer);
    const sheet = workbook.getWorksheet('Findings')!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getRow(1).getCell(1)).toMatchObject({ value: 'title', font: { bold: true } });
    for (const i of [1, 2, 3, 4, 5, 299]) {
      const [title, at, line, escaped] = [1, 2, 3, 4].map((c) => sheet.getRow(i + 2).getCell(c));
      const expected = row(i);
      expect(title.value).toBe(expected.title);
      expect(title.numFmt).toBeUndefined();
      expect(at.value).toEqual(expected.at);
      if (expected.at) expect(at.numFmt).toBe('yyyy-mm-dd hh:mm:ss');
      expect(line.value).toBe(expected.line);
      expect(escaped.value).toBe(expected.escaped);
    }
  });
});
