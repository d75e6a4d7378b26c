import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import { MAX_CHANGED_PATHS, REVIEW_OUTCOMES, type ContextModelSummaryDto, type ReviewOutcome } from '@escapement/domain';
import { z } from 'zod';

/** What the tools ask of Escapement: the API's service in the server, HTTP calls in the stdio server. Each answer is Markdown. */
export interface ContextBackend {
  pack(args: ContextArgs, tool: string): Promise<string>;
  criteria(args: ContextArgs, tool: string): Promise<string>;
  checklist(args: ContextArgs, tool: string): Promise<string>;
  recordReview(args: { service: string; change: string; outcome: ReviewOutcome; paths: string[] }, tool: string): Promise<string>;
  models(): Promise<ContextModelSummaryDto[]>;
  model(service: string, tool: string): Promise<string>;
}

export interface ContextArgs {
  service: string;
  paths: string[];
  components: string[];
  change: string | null;
  maxTokens: number | null;
}

export const MCP_TOOLS = ['threat_context', 'acceptance_criteria', 'review_checklist', 'record_review'] as const;
export const MODEL_RESOURCE_TEMPLATE = 'escapement://threat-models/{service}';
export const modelResourceUri = (service: string) => `escapement://threat-models/${encodeURIComponent(service)}`;

const service = z.string().min(1).max(200).describe('The service name as Escapement knows it, e.g. "payments-api" (see the threat-model resources for the list)');
const paths = z
  .array(z.string().min(1).max(1000))
  .max(MAX_CHANGED_PATHS)
  .describe('Repository-relative paths of the files being written or changed, e.g. ["src/refund/refund.controller.ts"]');
const components = z.array(z.string().min(1).max(200)).max(200).optional().describe('Threat-model component keys or names, when known instead of (or besides) paths');
const change = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[^\s\u0000-\u001f\u007f]+$/)
  .optional()
  .describe('The pull/merge request, branch or commit this work is for (e.g. "PR-1234"); recorded, so the change shows it had threat context');
const maxTokens = z.number().int().min(50).max(250_000).optional().describe('Size budget in tokens (default about 4000); what is cut is said at the end');

const text = (value: string) => ({ content: [{ type: 'text' as const, text: value }] });
const contextArgs = (args: { service: string; paths?: string[]; components?: string[]; change?: string; maxTokens?: number }): ContextArgs => ({
  service: args.service,
  paths: args.paths ?? [],
  components: args.components ?? [],
  change: args.change ?? null,
  maxTokens: args.maxTokens ?? null,
});

/** The MCP server of Escapement's threat-model context: four tools and the readable models as resources. */
export function createContextMcpServer(backend: ContextBackend, version: string): McpServer {
  const server = new McpServer(
    { name: 'escapement', version },
    {
      instructions:
        'Escapement holds the threat models of the services you work on. Before writing or changing code in a service, call threat_context with the service and the files; ' +
        'follow its acceptance criteria; when reviewing a diff call review_checklist, and record the review with record_review. Pass the change (PR) when you know it.',
    },
  );

  server.registerTool(
    'threat_context',
    {
      title: 'Threat context for files',
      description:
        'Returns the slice of the service\'s threat model that the given files fall under, as Markdown: the components, the trust boundaries they cross, ' +
        'the data they touch, the threats that apply (with CWE ids, mitigations and status, grouped by PWNISMS layer, most important first), the security ' +
        'acceptance criteria, and the findings that escaped there before. Call it before writing or changing code, and keep the code within what it asks.',
      inputSchema: { service, paths, components, change, maxTokens },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async (args) => text(await backend.pack(contextArgs(args), 'threat_context')),
  );

  server.registerTool(
    'acceptance_criteria',
    {
      title: 'Security acceptance criteria',
      description:
        'Returns security acceptance criteria for work touching the given files or components, as a Markdown task list for a ticket or spec. Each criterion ' +
        'names the threat and CWE ids it comes from ("— threat T-12, CWE-639"); keep those references when you copy it.',
      inputSchema: { service, paths: paths.optional(), components, change, maxTokens },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async (args) => text(await backend.criteria(contextArgs(args), 'acceptance_criteria')),
  );

  server.registerTool(
    'review_checklist',
    {
      title: 'Review checklist for a diff',
      description:
        'Returns a reviewer\'s checklist for the files a diff changes: the acceptance criteria of the threats those files fall under, which files each concerns, ' +
        'and what escaped there before. Check each item against the diff; then call record_review with the outcome.',
      inputSchema: { service, paths: paths.describe('Repository-relative paths of the files the diff changes'), change, maxTokens },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async (args) => text(await backend.checklist(contextArgs(args), 'review_checklist')),
  );

  server.registerTool(
    'record_review',
    {
      title: 'Record a review against the threat model',
      description:
        'Records that a change was reviewed against the service\'s threat model, and the outcome: approved, changes_requested or commented. Call it once per ' +
        'review, after going through review_checklist; it is how the change is counted as reviewed against the model.',
      inputSchema: {
        service,
        change: z.string().min(1).max(200).regex(/^[^\s\u0000-\u001f\u007f]+$/).describe('The pull/merge request, branch or commit reviewed, e.g. "PR-1234"'),
        outcome: z.enum(REVIEW_OUTCOMES).describe('approved: nothing to fix; changes_requested: the diff misses a criterion; commented: questions only'),
        paths: paths.optional().describe('The files the change touches, to record which components were reviewed'),
      },
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    },
    async (args) => text(await backend.recordReview({ service: args.service, change: args.change, outcome: args.outcome, paths: args.paths ?? [] }, 'record_review')),
  );

  server.registerResource(
    'threat-model',
    new ResourceTemplate(MODEL_RESOURCE_TEMPLATE, {
      list: async () => ({
        resources: (await backend.models()).map((model) => ({
          uri: modelResourceUri(model.service),
          name: `${model.service}: ${model.model.name} v${model.model.version}`,
          description: `Threat model of ${model.service}: ${model.components} components, ${model.threats} threats`,
          mimeType: 'text/markdown',
        })),
      }),
    }),
    { title: 'Threat model of a service', description: 'The whole threat model of a service, as Markdown context', mimeType: 'text/markdown' },
    async (uri, variables) => {
      const name = decodeURIComponent(String(variables.service));
      return { contents: [{ uri: uri.href, mimeType: 'text/markdown', text: await backend.model(name, 'resource:threat-model') }] };
    },
  );
  return server;
}
