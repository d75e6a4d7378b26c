import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ROLES, type CreatedUserDto, type PasswordResetDto, type Role, type TeamRefDto, type UserDto } from '@escapement/domain';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import type { UserRow } from './user.repository';

export const EMAIL = /^[^\s@]+@[^\s@]+$/;

export class CreateUserRequest {
  @ApiProperty({ example: 'dana@example.com' })
  @IsString() @Length(3, 320) @Matches(EMAIL, { message: 'email must be an email address' })
  email!: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role!: Role;

  @ApiPropertyOptional({ type: [String], description: 'Teams a manager (at least one) or viewer is limited to' })
  @IsOptional() @IsArray() @ArrayUnique() @ArrayMaxSize(100) @IsUUID('all', { each: true })
  teamIds?: string[];
}

export class UpdateUserRequest {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional() @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional() @IsArray() @ArrayUnique() @ArrayMaxSize(100) @IsUUID('all', { each: true })
  teamIds?: string[];

  @ApiPropertyOptional({ description: 'A disabled account cannot sign in; its sessions end at once' })
  @IsOptional() @IsBoolean()
  disabled?: boolean;
}

export class UserIdParam {
  @ApiProperty({ format: 'uuid' }) @IsUUID() id!: string;
}

export class TeamRefResponse implements TeamRefDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
}

export class UserResponse implements UserDto {
  @ApiProperty() id!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty({ type: [TeamRefResponse] }) teams!: TeamRefResponse[];
  @ApiProperty() mustChangePassword!: boolean;
  @ApiProperty() disabled!: boolean;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ nullable: true, type: String }) lastLoginAt!: string | null;
}

export class CreatedUserResponse implements CreatedUserDto {
  @ApiProperty({ type: UserResponse }) user!: UserResponse;
  @ApiProperty({ description: 'Shown this once; the person must replace it at first login' }) oneTimePassword!: string;
}

export class PasswordResetResponse implements PasswordResetDto {
  @ApiProperty({ description: 'Shown this once; the person must replace it at next login' }) oneTimePassword!: string;
}

export function mapUser(row: UserRow): UserResponse {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    teams: row.teams,
    mustChangePassword: row.must_change_password,
    disabled: row.disabled_at !== null,
    createdAt: new Date(row.created_at).toISOString(),
    lastLoginAt: row.last_login_at ? new Date(row.last_login_at).toISOString() : null,
  };
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
