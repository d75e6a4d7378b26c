import { SetMetadata } from '@nestjs/common';
import type { Role, TokenScope } from '@escapement/domain';

export const ACCESS_RULE = 'escapement:access-rule';

/** Who may call a route. A route (or its controller) without one is closed to everybody. */
export type AccessRule =
  | { public: true }
  | {
      public?: false;
      /** People with one of these roles, signed in with a session. */
      roles: readonly Role[];
      /** Tokens holding at least one of these scopes. */
      scopes: readonly TokenScope[];
      /** Callable while the one-time password is still to be replaced (login flow routes only). */
      beforePasswordChange?: boolean;
    };

/** Declares the roles and token scopes that may call the route; anyone else gets 403, nobody signed in 401. */
export const Access = (rule: { roles?: readonly Role[]; scopes?: readonly TokenScope[]; beforePasswordChange?: boolean }) =>
  SetMetadata<string, AccessRule>(ACCESS_RULE, { roles: rule.roles ?? [], scopes: rule.scopes ?? [], beforePasswordChange: rule.beforePasswordChange ?? false });

/** Declares a route open to anyone, signed in or not (health, login). */
export const Public = () => SetMetadata<string, AccessRule>(ACCESS_RULE, { public: true });
