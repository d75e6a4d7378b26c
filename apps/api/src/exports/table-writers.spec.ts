import { PassThrough, Writable } from 'node:stream';
import { drained, zipCaughtUp } from './table-writers';

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
