import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { sha256Hex } from './sha256';

describe(sha256Hex.name, () => {
  const sut = sha256Hex;

  it('matches the FIPS 180-4 examples', () => {
    expect(sut('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sut('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('pads correctly at the block boundaries (55, 56 and 64 bytes) and over many blocks', () => {
    expect(sut('a'.repeat(55))).toBe('9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318');
    expect(sut('a'.repeat(56))).toBe('b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a');
    expect(sut('a'.repeat(64))).toBe('ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb');
    expect(sut('a'.repeat(1000))).toBe('41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3');
  });

  it('hashes the UTF-8 bytes, with a lone surrogate as U+FFFD like node:crypto', () => {
    expect(sut('Ünïcødé 🔐 \ud800x')).toBe('13a99332ccab1bb81ca7ddb25416355f6511018ff9d12ea38d59e2c25872ead9');
  });
});

describe(`${sha256Hex.name} against node:crypto`, () => {
  it('agrees on any string, surrogates included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
      }),
    );
  });
});
