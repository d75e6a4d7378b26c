import type { AuthUserDto } from './access';

/** An account as administrators see it in `GET /api/v1/users`. */
export interface UserDto extends AuthUserDto {
  disabled: boolean;
  createdAt: string;
  lastLoginAt: string | null;
}

/** `POST /api/v1/users`: the account and its one-time password, shown this once. */
export interface CreatedUserDto {
  user: UserDto;
  oneTimePassword: string;
}

/** `POST /api/v1/users/:id/password-reset`: a new one-time password, shown this once. */
export interface PasswordResetDto {
  oneTimePassword: string;
}
