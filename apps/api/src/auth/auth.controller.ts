import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Access, Public } from './access.decorator';
import { ACCESS } from './access-rules';
import { AuthSessionResponse, AuthTokenResponse, ChangePasswordRequest, LoginRequest } from './auth.dto';
import { AuthService, type ClientInfo } from './auth.service';
import { sessionUser, type Principal } from './principal';
import { Caller } from './request-principal';
import { RateLimit } from './rate-limit';
import { clearSessionCookie, setSessionCookie } from './session-cookie';

const clientOf = (request: Request): ClientInfo => ({ ip: request.ip ?? null, userAgent: request.header('user-agent') ?? null });

/** Sessions for people: login, logout, password change, and who the caller is. */
@ApiTags('auth')
@Controller('v1/auth')
export class AuthController {
  constructor(private readonly service: AuthService) {}

  /** Sets the HttpOnly session cookie; the answer carries the CSRF token for later changes. */
  @ApiOperation({ summary: 'Sign in with email and password' })
  @Post('login')
  @HttpCode(200)
  @Public()
  @RateLimit('login')
  @ApiOkResponse({ type: AuthSessionResponse })
  async login(@Body() request: LoginRequest, @Req() http: Request, @Res({ passthrough: true }) response: Response): Promise<AuthSessionResponse> {
    const session = await this.service.login(request.email, request.password, clientOf(http));
    setSessionCookie(http, response, session.secret, new Date(session.body.expiresAt));
    return session.body;
  }

  @ApiOperation({ summary: 'Sign out of this session' })
  @Post('logout')
  @HttpCode(204)
  @Access({ ...ACCESS.ownSession, beforePasswordChange: true })
  async logout(@Caller() caller: Principal, @Req() http: Request, @Res({ passthrough: true }) response: Response): Promise<void> {
    await this.service.logout(sessionUser(caller));
    clearSessionCookie(http, response);
  }

  /** Replaces the password (the one-time one too); every other session of the person ends. */
  @ApiOperation({ summary: 'Change your own password' })
  @Post('password')
  @HttpCode(200)
  @Access({ ...ACCESS.ownSession, beforePasswordChange: true })
  @RateLimit('login')
  @ApiOkResponse({ type: AuthSessionResponse })
  async changePassword(
    @Body() request: ChangePasswordRequest,
    @Caller() caller: Principal,
    @Req() http: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AuthSessionResponse> {
    const session = await this.service.changePassword(sessionUser(caller), request.currentPassword, request.newPassword, clientOf(http));
    setSessionCookie(http, response, session.secret, new Date(session.body.expiresAt));
    return session.body;
  }

  @ApiOperation({ summary: 'Who is signed in' })
  @Get('me')
  @Access({ ...ACCESS.anyPrincipal, beforePasswordChange: true })
  @ApiExtraModels(AuthSessionResponse, AuthTokenResponse)
  @ApiOkResponse({ schema: { oneOf: [{ $ref: getSchemaPath(AuthSessionResponse) }, { $ref: getSchemaPath(AuthTokenResponse) }] } })
  me(@Caller() caller: Principal): Promise<AuthSessionResponse | AuthTokenResponse> {
    return this.service.whoAmI(caller);
  }
}
