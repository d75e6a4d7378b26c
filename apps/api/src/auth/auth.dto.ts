import { ApiProperty } from '@nestjs/swagger';
import type { AuthSessionDto, AuthTokenDto, TokenScope } from '@escapement/domain';
import { IsString, Length } from 'class-validator';
import { UserResponse } from '../users/user.dto';

export class LoginRequest {
  @ApiProperty({ example: 'admin@localhost' })
  @IsString() @Length(1, 320)
  email!: string;

  @ApiProperty({ format: 'password' })
  @IsString() @Length(1, 1024)
  password!: string;
}

export class ChangePasswordRequest {
  @ApiProperty({ format: 'password' })
  @IsString() @Length(1, 1024)
  currentPassword!: string;

  @ApiProperty({ format: 'password', description: '12 to 256 characters, not the email address' })
  @IsString() @Length(1, 1024)
  newPassword!: string;
}

export class AuthSessionResponse implements AuthSessionDto {
  @ApiProperty({ enum: ['session'] }) kind!: 'session';
  @ApiProperty({ type: UserResponse }) user!: UserResponse;
  @ApiProperty({ description: 'Send in the X-CSRF-Token header on every POST, PUT, PATCH and DELETE' }) csrfToken!: string;
  @ApiProperty({ description: 'The session ends then, whatever the activity' }) expiresAt!: string;
  @ApiProperty({ description: 'The session also ends after this long without a request' }) idleTimeoutSeconds!: number;
}

export class AuthTokenResponse implements AuthTokenDto {
  @ApiProperty({ enum: ['token'] }) kind!: 'token';
  @ApiProperty() token!: { id: string; name: string; prefix: string; scopes: TokenScope[]; teamId: string | null; expiresAt: string | null };
}
