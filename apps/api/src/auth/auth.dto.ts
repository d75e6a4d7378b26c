import { ApiProperty } from '@nestjs/swagger';
import { TOKEN_SCOPES, type AuthSessionDto, type AuthTokenDto, type TokenScope } from '@escapement/domain';
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

export class CallerTokenResponse {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() prefix!: string;
  @ApiProperty({ enum: TOKEN_SCOPES, isArray: true }) scopes!: TokenScope[];
  @ApiProperty({ nullable: true, type: String }) teamId!: string | null;
  @ApiProperty({ nullable: true, type: String }) expiresAt!: string | null;
}

export class AuthTokenResponse implements AuthTokenDto {
  @ApiProperty({ enum: ['token'] }) kind!: 'token';
  @ApiProperty({ type: CallerTokenResponse }) token!: CallerTokenResponse;
}
