import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { Principal } from './principal';

const PRINCIPAL = Symbol('escapement.principal');

type WithPrincipal = Request & { [PRINCIPAL]?: Principal };

export function setPrincipal(request: Request, principal: Principal): void {
  (request as WithPrincipal)[PRINCIPAL] = principal;
}

/** The authenticated caller, or undefined on a public route. */
export function principalOf(request: Request): Principal | undefined {
  return (request as WithPrincipal)[PRINCIPAL];
}

/**
 * The authenticated caller of a route, for handlers to pass on to services. Only routes that declare an
 * access rule (not public ones) have one; asking for it elsewhere is a programming error.
 */
export const Caller = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = principalOf(context.switchToHttp().getRequest<Request>());
  if (!principal) throw new Error('@Caller() used on a route without an authenticated caller');
  return principal;
});
