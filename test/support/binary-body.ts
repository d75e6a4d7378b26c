import type { Response } from 'superagent';

/** A supertest parser that keeps the body as bytes, for downloads (CSV with its BOM, XLSX, PDF). */
export function binaryBody(res: Response, callback: (error: Error | null, body: Buffer) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => callback(null, Buffer.concat(chunks)));
}
