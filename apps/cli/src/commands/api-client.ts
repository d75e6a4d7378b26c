import * as fs from 'node:fs';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringOption, type ParsedArgs } from '../args';

interface Problem {
  detail?: string;
  title?: string;
  errors?: { pointer?: string; parameter?: string; message: string }[];
}

/** The server and token a command talks to: --url/--token, else ESCAPEMENT_URL/ESCAPEMENT_TOKEN. */
export interface ApiClient {
  baseUrl: string;
  /** Sends a request and returns the body text; a non-2xx answer is an error with the server's explanation. */
  send(method: 'GET' | 'POST', path: string, options?: { body?: unknown; headers?: Record<string, string> }): Promise<string>;
  /**
   * Saves a download to `output` (the server's file name in the working folder when absent; `-` for
   * standard output). Written beside the target and renamed at the end, so a broken-off download leaves
   * no half file behind. Returns the path written and its size.
   */
  download(path: string, output: string | undefined): Promise<{ file: string; bytes: number }>;
}

export function apiClient(args: ParsedArgs, channel: 'cli' | 'mcp'): ApiClient {
  const baseUrl = (stringOption(args, 'url') ?? process.env.ESCAPEMENT_URL ?? 'http://localhost:3000').replace(/\/+$/, '');
  const token = stringOption(args, 'token') ?? process.env.ESCAPEMENT_TOKEN;
  return {
    baseUrl,
    async send(method, path, options = {}) {
      const headers: Record<string, string> = { 'x-escapement-channel': channel, ...options.headers };
      if (token) headers.authorization = `Bearer ${token}`;
      if (options.body !== undefined) headers['content-type'] = 'application/json';
      let response: Response;
      try {
        response = await fetch(`${baseUrl}${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
      } catch (error) {
        throw new Error(`cannot reach ${baseUrl}: ${((error as Error).cause as Error | undefined)?.message ?? (error as Error).message}`);
      }
      const text = await response.text();
      if (!response.ok) throw new Error(describeProblem(response.status, text));
      return text;
    },
    async download(urlPath, output) {
      const headers: Record<string, string> = { 'x-escapement-channel': channel };
      if (token) headers.authorization = `Bearer ${token}`;
      let response: Response;
      try {
        response = await fetch(`${baseUrl}${urlPath}`, { headers });
      } catch (error) {
        throw new Error(`cannot reach ${baseUrl}: ${((error as Error).cause as Error | undefined)?.message ?? (error as Error).message}`);
      }
      if (!response.ok || !response.body) throw new Error(describeProblem(response.status, await response.text()));
      const body = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream<Uint8Array>);
      let bytes = 0;
      body.on('data', (chunk: Buffer) => (bytes += chunk.length));
      if (output === '-') {
        await pipeline(body, process.stdout, { end: false });
        return { file: '-', bytes };
      }
      const file = path.resolve(output ?? fileNameOf(response.headers.get('content-disposition')) ?? 'escapement-export');
      const partial = `${file}.part`;
      try {
        await pipeline(body, fs.createWriteStream(partial));
        fs.renameSync(partial, file);
      } catch (error) {
        fs.rmSync(partial, { force: true });
        throw error;
      }
      return { file, bytes };
    },
  };
}

/** The file name a Content-Disposition header offers (the exact RFC 5987 one when given), without any folder. */
export function fileNameOf(header: string | null): string | null {
  if (!header) return null;
  const exact = /filename\*=UTF-8''([^;]+)/i.exec(header);
  const plain = /filename="([^"]+)"/i.exec(header);
  const name = exact ? decodeURIComponent(exact[1]) : plain?.[1];
  return name ? path.basename(name) : null;
}

function describeProblem(status: number, text: string): string {
  let problem: Problem = {};
  try {
    problem = JSON.parse(text) as Problem;
  } catch {
    problem = { detail: text.slice(0, 200) };
  }
  const lines = [`HTTP ${status}: ${problem.detail ?? problem.title ?? 'request failed'}`];
  for (const e of (problem.errors ?? []).slice(0, 10)) {
    const where = e.pointer ?? e.parameter ?? '';
    lines.push(`  ${where ? `${where}: ` : ''}${e.message}`);
  }
  return lines.join('\n');
}
