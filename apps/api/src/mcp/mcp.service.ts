import { Injectable } from '@nestjs/common';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Principal } from '../auth/principal';
import { ContextService, type ContextAsk } from '../context-packs/context.service';
import type { ContextArgs } from './context-tools';

/**
 * The MCP SDK is required on the first MCP request rather than at start: every `escapement` command
 * loads this module graph, and only MCP clients need the SDK.
 */
const contextTools = () => require('./context-tools') as typeof import('./context-tools');

const VERSION = process.env.npm_package_version ?? '0.1.0';

/** MCP servers whose tools call the context service directly, as the calling token, recorded as channel mcp. */
@Injectable()
export class McpService {
  constructor(private readonly context: ContextService) {}

  serverFor(caller: Principal): McpServer {
    const origin = (tool: string) => ({ caller, channel: 'mcp' as const, tool });
    const ask = (args: ContextArgs): ContextAsk => ({
      service: args.service,
      paths: args.paths,
      components: args.components,
      repo: null,
      change: args.change,
      format: 'markdown',
      maxChars: null,
      maxTokens: args.maxTokens,
      boundary: 'ci',
    });
    return contextTools().createContextMcpServer(
      {
        pack: async (args, tool) => (await this.context.pack(ask(args), origin(tool))).text,
        criteria: async (args, tool) => (await this.context.criteria(ask(args), origin(tool))).text,
        checklist: async (args, tool) => (await this.context.checklist({ ...ask(args), components: [], diff: null }, origin(tool))).text,
        recordReview: async (args, tool) => {
          const review = await this.context.recordReview({ ...args, repo: null, components: [] }, origin(tool));
          return `Recorded: ${review.changeRef} of ${review.service} reviewed against the threat model, ${review.outcome.replace('_', ' ')} (${review.servedAt}).`;
        },
        models: () => this.context.models(caller.teams),
        model: async (service, tool) => (await this.context.model(service, 'markdown', origin(tool))).text,
      },
      VERSION,
    );
  }
}
