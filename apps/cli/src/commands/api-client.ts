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
  };
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
