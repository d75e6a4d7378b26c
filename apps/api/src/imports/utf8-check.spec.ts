import fc from 'fast-check';
import { TextDecoder } from 'node:util';
import { Utf8Check } from './utf8-check';

function check(chunks: Buffer[]): Utf8Check {
  const sut = new Utf8Check();
  for (const chunk of chunks) sut.feed(chunk);
  sut.end();
  return sut;
}

/** What the readers do with the same bytes: U+FFFD for each invalid subpart (none is in the clean text here). */
const replacements = (bytes: Buffer) => [...new TextDecoder('utf-8').decode(bytes)].filter((c) => c === '\ufffd').length;

describe(Utf8Check.name, () => {
  it('finds nothing in UTF-8, whatever the chunk boundaries', () => {
    const text = Buffer.from('héllo wörld 𝄞 €\nsecond line 日本\n');
    for (let cut = 0; cut <= text.length; cut++) {
      const sut = check([text.subarray(0, cut), text.subarray(cut)]);
      expect([sut.invalid, sut.firstInvalidLine]).toEqual([0, null]);
    }
  });

  it('counts invalid bytes and names the line of the first, even split across chunks', () => {
    const bytes = Buffer.concat([Buffer.from('a,b\nok\nbad '), Buffer.from([0xff, 0xc3]), Buffer.from(' x\n'), Buffer.from([0xed, 0xa0, 0x80])]);
    for (let cut = 0; cut <= bytes.length; cut++) {
      const sut = check([bytes.subarray(0, cut), bytes.subarray(cut)]);
      expect(sut.firstInvalidLine).toBe(3);
      expect(sut.invalid).toBe(replacements(bytes));
    }
  });

  it('counts a sequence cut short by the end of the stream', () => {
    const sut = check([Buffer.from([0x41, 0x0a, 0xe2, 0x82])]);
    expect([sut.invalid, sut.firstInvalidLine]).toEqual([1, 2]);
  });

  it('counts exactly what a decoder replaces, for any bytes in any chunks', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.integer({ min: 0, max: 64 }), (raw, cut) => {
        // 0xEF would let the input spell U+FFFD itself, which a decoder's output cannot tell from a replacement.
        const bytes = Buffer.from(raw.map((b) => (b === 0xef ? 0x41 : b)));
        const sut = check([bytes.subarray(0, cut), bytes.subarray(cut)]);
        expect(sut.invalid).toBe(replacements(bytes));
      }),
      { seed: 20261204, numRuns: 2000 },
    );
  });
});
