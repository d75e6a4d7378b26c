import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TOKEN_SCOPES, TOKEN_STATUSES, type CreatedTokenDto, type TokenDto, type TokenScope, type TokenStatus } from '@escapement/domain';
import { ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsArray, IsIn, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches, ValidateIf } from 'class-validator';
import type { TokenRow } from './token.repository';

export class CreateTokenRequest {
  @ApiProperty({ example: 'ci-payments', description: 'Unique among live tokens; names the token in the audit log' })
  @IsString() @Length(1, 100) @Matches(/^[\w.:@-][\w .:@-]*$/, { message: 'name must be letters, digits, spaces and . : @ _ -' })
  name!: string;

  @ApiProperty({ enum: TOKEN_SCOPES, isArray: true, example: ['findings:write'] })
  @IsArray() @ArrayNotEmpty() @ArrayUnique() @ArrayMaxSize(TOKEN_SCOPES.length) @IsIn(TOKEN_SCOPES, { each: true })
  scopes!: TokenScope[];

  @ApiPropertyOptional({ description: 'Limit the token to one team: it reads and writes only that team’s services' })
  @IsOptional() @IsUUID()
  teamId?: string;

  @ApiPropertyOptional({ nullable: true, type: String, example: '2026-12-31T00:00:00Z', description: 'Absent: in 90 days. null: never.' })
  @ValidateIf((request: CreateTokenRequest) => request.expiresAt !== null && request.expiresAt !== undefined) @IsISO8601({ strict: true })
  expiresAt?: string | null;
}

export class TokenIdParam {
  @ApiProperty({ format: 'uuid' }) @IsUUID() id!: string;
}

export class TokenResponse implements TokenDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'The public part, as in esc_<prefix>_…' }) prefix!: string;
  @ApiProperty({ enum: TOKEN_SCOPES, isArray: true }) scopes!: TokenScope[];
  @ApiProperty({ nullable: true, type: String }) teamId!: string | null;
  @ApiProperty({ nullable: true, type: String }) teamName!: string | null;
  @ApiProperty({ enum: TOKEN_STATUSES }) status!: TokenStatus;
  @ApiProperty({ nullable: true, type: String }) createdBy!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ nullable: true, type: String }) expiresAt!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'To the minute' }) lastUsedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) revokedAt!: string | null;
}

export class CreatedTokenResponse implements CreatedTokenDto {
  @ApiProperty({ type: TokenResponse }) token!: TokenResponse;
  @ApiProperty({ example: 'esc_1a2b3c4d5e6f_…', description: 'The bearer token. Shown this once: only its hash is stored.' }) secret!: string;
}

export function mapToken(row: TokenRow, now = new Date()): TokenResponse {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes,
    teamId: row.team_id,
    teamName: row.team_name,
    status: row.revoked_at ? 'revoked' : row.expires_at && row.expires_at <= now ? 'expired' : 'active',
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at?.toISOString() ?? null,
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
  };
}

/** Absent: the default lifetime; null: never; else the given time. */
export function requestedExpiry(request: CreateTokenRequest): Date | null | undefined {
  if (request.expiresAt === undefined) return undefined;
  return request.expiresAt === null ? null : new Date(request.expiresAt);
}
