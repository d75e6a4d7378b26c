import type { AuthUserDto } from '@escapement/domain';

/** An account as administrators see it in `GET /api/v1/users`. */
export interface UserSummary extends AuthUserDto {
  disabled: boolean;
  createdAt: string;
  lastLoginAt: string | null;
}
