import { Controller, Delete, Get, HttpException, HttpStatus, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Access } from '../auth/access.decorator';
import { ACCESS } from '../auth/access-rules';
import type { Principal } from '../auth/principal';
import { Caller } from '../auth/request-principal';
import { McpService } from './mcp.service';

/** Where MCP clients connect: outside the `/api` prefix, as MCP clients are configured with a server URL. */
export const MCP_PATH = 'mcp';

/**
 * Streamable HTTP for MCP clients, stateless: each POST gets its own server and transport, bound to
 * the caller's token, and answers with JSON. Bearer tokens only (scope context:read, read or admin);
 * the access guard refuses anyone else before the body is looked at.
 */
@ApiExcludeController()
@Controller()
@Access(ACCESS.mcp)
export class McpController {
  constructor(private readonly mcp: McpService) {}

  @Post(MCP_PATH)
  async post(@Req() request: Request, @Res() response: Response, @Caller() caller: Principal): Promise<void> {
    const server = this.mcp.serverFor(caller);
    // Required here, as the tools are (see McpService): only MCP clients need the SDK.
    const { StreamableHTTPServerTransport } = require('@modelcontextprotocol/sdk/server/streamableHttp.js') as typeof import('@modelcontextprotocol/sdk/server/streamableHttp.js');
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    response.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(request, response, request.body);
  }

  /** No server-initiated stream and no sessions to end in stateless mode: GET and DELETE are refused, not left hanging. */
  @Get(MCP_PATH)
  stream(@Res({ passthrough: true }) response: Response): never {
    return refuse(response);
  }

  @Delete(MCP_PATH)
  endSession(@Res({ passthrough: true }) response: Response): never {
    return refuse(response);
  }
}

function refuse(response: Response): never {
  response.setHeader('Allow', 'POST');
  throw new HttpException('The MCP endpoint is stateless Streamable HTTP: send JSON-RPC messages with POST', HttpStatus.METHOD_NOT_ALLOWED);
}
