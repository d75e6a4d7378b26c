import type { TokenScope } from '@escapement/domain';

/** A machine token as `GET /api/v1/tokens` lists it: never its secret, which only the create answer holds. */
export interface TokenSummary {
  id: string;
  name: string;
  /** The public part, as in esc_<prefix>_…; recognises a token without revealing it. */
  prefix: string;
  scopes: TokenScope[];
  teamId: string | null;
  teamName: string | null;
  status: 'active' | 'expired' | 'revoked';
  createdBy: string | null;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface CreatedToken {
  token: TokenSummary;
  secret: string;
}
