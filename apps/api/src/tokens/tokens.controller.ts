import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator';
import { ACCESS } from '../auth/access-rules';
import { actorOf, type Principal } from '../auth/principal';
import { Caller } from '../auth/request-principal';
import { CreatedTokenResponse, CreateTokenRequest, requestedExpiry, TokenIdParam, TokenResponse } from './token.dto';
import { TokensService } from './tokens.service';

@ApiTags('tokens')
@Controller('v1/tokens')
export class TokensController {
  constructor(private readonly service: TokensService) {}

  @ApiOperation({ summary: 'List API tokens' })
  @Get()
  @Access(ACCESS.administer)
  @ApiOkResponse({ type: [TokenResponse] })
  list(): Promise<TokenResponse[]> {
    return this.service.list();
  }

  /** The answer holds the token itself, once; only its hash is kept. */
  @ApiOperation({ summary: 'Create an API token' })
  @Post()
  @Access(ACCESS.administer)
  @ApiCreatedResponse({ type: CreatedTokenResponse })
  create(@Body() request: CreateTokenRequest, @Caller() caller: Principal): Promise<CreatedTokenResponse> {
    return this.service.create({ ...request, expiresAt: requestedExpiry(request) }, actorOf(caller));
  }

  @ApiOperation({ summary: 'Revoke an API token' })
  @Delete(':id')
  @HttpCode(204)
  @Access(ACCESS.administer)
  revoke(@Param() { id }: TokenIdParam, @Caller() caller: Principal): Promise<void> {
    return this.service.revoke(id, actorOf(caller));
  }
}
