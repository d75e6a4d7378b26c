import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { CSRF_HEADER } from '@escapement/domain';
import type { Request } from 'express';
import { DomainError, forbidden } from '../common/domain-error';
import { ACCESS_RULE, type AccessRule } from './access.decorator';
import { Authenticator } from './authenticator';
import type { Principal } from './principal';
import { setPrincipal } from './request-principal';
import { sameText } from './secrets';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The one gate of every route: closed unless the route declares who may call it, then 401 for nobody
 * signed in and 403 for a caller the rule does not name. Sessions must also carry their CSRF token on
 * changes and, with a one-time password, may only replace it.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger('Access');

  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [context.getHandler(), context.getClass()]);
    const request = context.switchToHttp().getRequest<Request>();
    if (!rule) {
      this.logger.error(`${context.getClass().name}.${context.getHandler().name} declares no access rule: it stays closed until it does`);
      throw forbidden('This route declares no access rule, so nobody may call it');
    }
    if (rule.public) return true;
    const principal = await this.authenticator.authenticate(request);
    if (!principal) throw new DomainError('unauthenticated', 'Sign in, or send an API token as "Authorization: Bearer esc_…"');
    // Known before it is authorised, so that a refusal can be audited under the caller's name.
    setPrincipal(request, principal);
    this.authorise(rule, principal, request);
    return true;
  }

  private authorise(rule: Exclude<AccessRule, { public: true }>, principal: Principal, request: Request): void {
    if (principal.kind === 'token') {
      if (!rule.scopes.some((scope) => principal.scopes.includes(scope))) {
        throw forbidden(rule.scopes.length ? `This needs a token with one of the scopes: ${rule.scopes.join(', ')}` : 'This is for people signed in, not for tokens');
      }
      return;
    }
    if (principal.mustChangePassword && !rule.beforePasswordChange) {
      throw new DomainError('password_change_required', 'Replace the one-time password first (POST /api/v1/auth/password)');
    }
    if (!rule.roles.includes(principal.role)) {
      throw forbidden(rule.roles.length ? `This needs one of the roles: ${rule.roles.join(', ')}` : 'This is for tokens only');
    }
    if (!SAFE_METHODS.has(request.method)) {
      const sent = request.header(CSRF_HEADER);
      if (typeof sent !== 'string' || !sameText(sent, principal.csrfToken)) {
        throw new DomainError('csrf_failed', `A change made with a session needs the ${CSRF_HEADER} header from the login answer (or GET /api/v1/auth/me)`);
      }
    }
  }
}
