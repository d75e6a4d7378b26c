import type { TokenScope } from './access';

export const TOKEN_STATUSES = ['active', 'expired', 'revoked'] as const;
export type TokenStatus = (typeof TOKEN_STATUSES)[number];

/** A machine token as `GET /api/v1/tokens` lists it: never its secret, which only the create answer holds. */
export interface TokenDto {
  id: string;
  name: string;
  /** The public part, as in esc_<prefix>_…; recognises a token without revealing it. */
  prefix: string;
  scopes: TokenScope[];
  teamId: string | null;
  teamName: string | null;
  status: TokenStatus;
  createdBy: string | null;
  createdAt: string;
  expiresAt: string | null;
  /** To the minute. */
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** `POST /api/v1/tokens`: the token and its secret, shown this once (only its hash is stored). */
export interface CreatedTokenDto {
  token: TokenDto;
  secret: string;
}
