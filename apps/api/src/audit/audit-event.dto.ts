import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { AuditEventDto, Page } from '@escapement/domain';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import type { AuditEventRow } from './audit-events.repository';

export class ListAuditEventsQuery {
  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 500 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional() @IsString() @Matches(/^[1-9]\d{0,17}$/, { message: 'cursor must be the nextCursor of a previous page' })
  cursor?: string;

  @ApiPropertyOptional({ example: 'auth.login_failed', description: 'An action, or a prefix ending in * (auth.*)' })
  @IsOptional() @IsString() @Length(1, 100) @Matches(/^[a-z_.-]+\*?$/, { message: 'action must be an action name such as auth.login_failed, or a prefix such as auth.*' })
  action?: string;
}

export class AuditEventResponse implements AuditEventDto {
  @ApiProperty({ description: 'Increasing with time' }) id!: string;
  @ApiProperty() at!: string;
  @ApiProperty({ nullable: true, type: String, example: 'user:dana@example.com' }) actor!: string | null;
  @ApiProperty({ example: 'token.created' }) action!: string;
  @ApiProperty() subjectType!: string;
  @ApiProperty({ nullable: true, type: String }) subjectId!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'What the action changed; members depend on the action' }) details!: Record<string, unknown>;
}

export class AuditEventPageResponse implements Page<AuditEventDto> {
  @ApiProperty({ type: [AuditEventResponse] }) items!: AuditEventResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export function mapAuditEvent(row: AuditEventRow): AuditEventResponse {
  return { id: row.id, at: row.at.toISOString(), actor: row.actor, action: row.action, subjectType: row.subject_type, subjectId: row.subject_id, details: row.details };
}
