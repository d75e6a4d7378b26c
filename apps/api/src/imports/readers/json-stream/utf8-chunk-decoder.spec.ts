import { Utf8ChunkDecoder } from './utf8-chunk-decoder';

function decodeAll(chunks: (Buffer | string)[]): string {
  const sut = new Utf8ChunkDecoder();
  return chunks.map((chunk) => sut.decode(chunk)).join('') + sut.end();
}

describe(Utf8ChunkDecoder.name, () => {
  const text = 'aé€😀z'; // 1-, 2-, 3- and 4-byte sequences

  it('reassembles multi-byte sequences split at every byte', () => {
    const bytes = Buffer.from(text);
    for (let split = 0; split <= bytes.length; split++) {
      expect(decodeAll([bytes.subarray(0, split), bytes.subarray(split)])).toBe(text);
    }
    expect(decodeAll([...bytes].map((byte) => Buffer.from([byte])))).toBe(text);
  });

  it('drops a leading byte order mark, even split across chunks, but no later one', () => {
    const bytes = Buffer.from('\ufeff[1]\ufeff');
    expect(decodeAll([bytes])).toBe('[1]\ufeff');
    expect(decodeAll([bytes.subarray(0, 1), bytes.subarray(1, 2), bytes.subarray(2)])).toBe('[1]\ufeff');
    expect(decodeAll(['', '\ufeff[1]'])).toBe('[1]');
    expect(decodeAll(['\ufeff', '\ufeff'])).toBe('\ufeff');
  });

  it('accepts string chunks, also after Buffers', () => {
    expect(decodeAll(['[', Buffer.from('"é"'), ']'])).toBe('["é"]');
  });

  it('turns invalid bytes and a truncated sequence at the end into U+FFFD', () => {
    expect(decodeAll([Buffer.from([0x22, 0xff, 0x22])])).toBe('"\ufffd"');
    expect(decodeAll([Buffer.from([0x22, 0xe2, 0x82])])).toBe('"\ufffd');
  });
});
