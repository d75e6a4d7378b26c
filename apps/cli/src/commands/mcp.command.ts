import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createContextMcpServer } from '@escapement/api';
import type { ParsedArgs } from '../args';
import { apiClient } from './api-client';

/**
 * `escapement mcp`: an MCP server on stdin/stdout for a developer's assistant. Its tools and resources
 * are the API's (the same definitions as `/mcp`), called over HTTP with the command's URL and token, and
 * recorded by the server as channel mcp. Nothing but the protocol goes to stdout.
 */
export async function mcpCommand(args: ParsedArgs): Promise<number> {
  const client = apiClient(args, 'mcp');
  const as = (tool: string) => ({ 'x-escapement-tool': tool });
  const query = (a: { service: string; paths: string[]; components: string[]; change: string | null; maxTokens: number | null }) => {
    const q = new URLSearchParams({ service: a.service });
    for (const path of a.paths) q.append('path', path);
    for (const component of a.components) q.append('component', component);
    if (a.change) q.set('change', a.change);
    if (a.maxTokens) q.set('maxTokens', String(a.maxTokens));
    return q;
  };
  const server = createContextMcpServer(
    {
      pack: (a, tool) => client.send('GET', `/api/v1/context-packs?${query(a)}`, { headers: as(tool) }),
      criteria: (a, tool) => client.send('GET', `/api/v1/acceptance-criteria?${query(a)}`, { headers: as(tool) }),
      checklist: (a, tool) =>
        client.send('POST', '/api/v1/review-checklists', {
          headers: as(tool),
          body: { service: a.service, paths: a.paths, ...(a.change ? { change: a.change } : {}), ...(a.maxTokens ? { maxTokens: a.maxTokens } : {}) },
        }),
      recordReview: async (a, tool) => {
        const review = JSON.parse(await client.send('POST', '/api/v1/context-reviews', { headers: as(tool), body: { service: a.service, change: a.change, outcome: a.outcome, paths: a.paths } })) as {
          service: string;
          changeRef: string;
          outcome: string;
          servedAt: string;
        };
        return `Recorded: ${review.changeRef} of ${review.service} reviewed against the threat model, ${review.outcome.replace('_', ' ')} (${review.servedAt}).`;
      },
      models: async () => JSON.parse(await client.send('GET', '/api/v1/context-models')),
      model: (service, tool) => client.send('GET', `/api/v1/context-models/${encodeURIComponent(service)}`, { headers: as(tool) }),
    },
    process.env.npm_package_version ?? '0.1.0',
  );
  await server.connect(new StdioServerTransport());
  // Runs until the client closes stdin.
  await new Promise<void>((resolve) => process.stdin.once('close', resolve).once('end', resolve));
  await server.close();
  return 0;
}
