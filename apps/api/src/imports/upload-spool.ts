import Busboy from 'busboy';
import type { Request } from 'express';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as zlib from 'node:zlib';
import { DomainError, invalid } from '../common/domain-error';
import type { UploadHold } from './upload-budget';
import { Utf8Check } from './utf8-check';

/** An upload written to a temporary file, so it can be read twice and processed after the request ends. */
export interface SpooledUpload {
  path: string;
  /** Size after decompression. */
  bytes: number;
  sha256: string;
  /** The first few KB as text, for detecting the format. */
  head: string;
  fileName: string | null;
  /** Form fields of a multipart upload (query parameters otherwise). */
  fields: Record<string, string>;
  /** Byte sequences that are not UTF-8 (readers see each as U+FFFD), and the line of the first. */
  invalidUtf8: { count: number; firstLine: number } | null;
  discard(): void;
}

export interface SpoolLimits {
  maxBytes: number;
  /** Decompressed bytes per compressed byte past which a gzip body is treated as a bomb. */
  maxInflationRatio: number;
  /** Counts the bytes written to disk against the upload queue's bounds; released by `discard()`. */
  hold?: UploadHold;
}

const HEAD_BYTES = 8 * 1024;
const MAX_FIELDS = 20;

/** Counts and hashes what passes, keeps the head, and stops the stream at the size limit. */
class Meter extends Transform {
  bytes = 0;
  readonly hash = createHash('sha256');
  readonly utf8 = new Utf8Check();
  private headChunks: Buffer[] = [];
  private headBytes = 0;

  constructor(
    private readonly limits: SpoolLimits,
    private readonly compressed: () => number,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.limits.maxBytes) {
      return done(new DomainError('payload_too_large', `The upload is larger than the ${formatMb(this.limits.maxBytes)} this server accepts (after decompression)`));
    }
    const compressed = this.compressed();
    if (compressed > 0 && this.bytes > 1024 * 1024 && this.bytes / compressed > this.limits.maxInflationRatio) {
      return done(new DomainError('payload_too_large', `The gzip body inflates more than ${this.limits.maxInflationRatio}-fold; refusing it as a decompression bomb`));
    }
    try {
      this.limits.hold?.add(chunk.length);
    } catch (error) {
      return done(error as Error);
    }
    if (this.headBytes < HEAD_BYTES) {
      this.headChunks.push(chunk.subarray(0, HEAD_BYTES - this.headBytes));
      this.headBytes += Math.min(chunk.length, HEAD_BYTES - this.headBytes);
    }
    this.hash.update(chunk);
    this.utf8.feed(chunk);
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    this.utf8.end();
    done();
  }

  invalidUtf8(): SpooledUpload['invalidUtf8'] {
    return this.utf8.firstInvalidLine === null ? null : { count: this.utf8.invalid, firstLine: this.utf8.firstInvalidLine };
  }

  head(): string {
    return Buffer.concat(this.headChunks).toString('utf8').replace(/^\uFEFF/, '');
  }
}

/** Counts the bytes that arrive on the wire, before any decompression. */
class WireCounter extends Transform {
  bytes = 0;
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    done(null, chunk);
  }
}

function formatMb(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MB`;
}

function isGzipEncoded(contentEncoding: string | undefined, contentType: string | undefined): boolean {
  const encoding = (contentEncoding ?? '').toLowerCase().trim();
  if (encoding === 'gzip' || encoding === 'x-gzip') return true;
  if (encoding && encoding !== 'identity') throw new DomainError('unsupported_media_type', `Content-Encoding "${contentEncoding}" is not supported; use gzip or none`);
  return /^application\/(x-)?gzip\b/i.test(contentType ?? '');
}

async function writeStream(source: Readable, gzip: boolean, limits: SpoolLimits, file: string): Promise<Meter> {
  const wire = new WireCounter();
  const meter = new Meter(limits, () => (gzip ? wire.bytes : 0));
  const sink = fs.createWriteStream(file, { mode: 0o600 });
  try {
    if (gzip) await pipeline(source, wire, zlib.createGunzip(), meter, sink);
    else await pipeline(source, wire, meter, sink);
  } catch (error) {
    if (error instanceof DomainError) throw error;
    if ((error as { code?: string }).code?.startsWith('Z_')) throw invalid(`The body is not valid gzip: ${(error as Error).message}`);
    throw error;
  }
  return meter;
}

/**
 * Receives an upload as a raw body (optionally gzip, by Content-Encoding or content type) or as a
 * multipart form with a `file` field, checking limits while it streams rather than after.
 */
export async function spoolUpload(request: Request, limits: SpoolLimits): Promise<SpooledUpload> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'escapement-upload-'));
  const file = path.join(dir, 'upload');
  const discard = () => {
    fs.rmSync(dir, { recursive: true, force: true });
    limits.hold?.release();
  };
  try {
    const contentType = request.headers['content-type'] ?? '';
    if (/^multipart\/form-data/i.test(contentType)) {
      const { meter, fileName, fields } = await spoolMultipart(request, limits, file);
      return { path: file, bytes: meter.bytes, sha256: meter.hash.digest('hex'), head: meter.head(), fileName, fields, invalidUtf8: meter.invalidUtf8(), discard };
    }
    const meter = await writeStream(request, isGzipEncoded(request.headers['content-encoding'], contentType), limits, file);
    if (meter.bytes === 0) throw invalid('The upload is empty: send the file as the request body or as the multipart field "file"');
    return { path: file, bytes: meter.bytes, sha256: meter.hash.digest('hex'), head: meter.head(), fileName: null, fields: {}, invalidUtf8: meter.invalidUtf8(), discard };
  } catch (error) {
    discard();
    request.resume();
    throw error;
  }
}

function spoolMultipart(request: Request, limits: SpoolLimits, file: string): Promise<{ meter: Meter; fileName: string | null; fields: Record<string, string> }> {
  return new Promise((resolve, reject) => {
    const fields: Record<string, string> = {};
    let written: Promise<{ meter: Meter; fileName: string }> | null = null;
    let failed = false;
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      reject(error);
    };
    let busboy: Busboy.Busboy;
    try {
      busboy = Busboy({ headers: request.headers, limits: { files: 1, fields: MAX_FIELDS, fieldSize: 4096, fileSize: limits.maxBytes + 1 } });
    } catch (error) {
      return reject(invalid(`The multipart body cannot be read: ${(error as Error).message}`));
    }
    busboy.on('field', (name, value) => (fields[name] = value));
    busboy.on('file', (name, stream, info) => {
      if (name !== 'file') {
        stream.resume();
        return fail(invalid(`The multipart field for the upload is "file", not "${name}"`, [{ parameter: name, message: 'unexpected file field' }]));
      }
      const gzip = /\.gz$/i.test(info.filename ?? '') || /^application\/(x-)?gzip/i.test(info.mimeType ?? '');
      written = writeStream(stream, gzip, limits, file).then((meter) => ({ meter, fileName: info.filename ?? null }));
      written.catch(fail);
    });
    busboy.on('filesLimit', () => fail(invalid('Send one file per upload')));
    busboy.on('fieldsLimit', () => fail(invalid(`At most ${MAX_FIELDS} form fields`)));
    busboy.on('error', (error) => fail(invalid(`The multipart body cannot be read: ${(error as Error).message}`)));
    busboy.on('close', () => {
      if (failed) return;
      if (!written) return fail(invalid('The multipart body has no "file" field'));
      written.then(({ meter, fileName }) => {
        if (meter.bytes === 0) return fail(invalid('The uploaded file is empty'));
        resolve({ meter, fileName: fileName || null, fields });
      }, fail);
    });
    request.pipe(busboy);
  });
}
