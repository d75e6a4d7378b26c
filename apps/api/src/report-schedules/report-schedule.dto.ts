import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { REPORT_CADENCES, REPORT_RUN_STATUSES, type ReportCadence, type ReportRunDto, type ReportRunStatus, type ReportScheduleDto } from '@escapement/domain';
import { ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsArray, IsEmail, IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import type { ReportRunRow, ReportScheduleRow } from './report-schedules.repository';

const MAX_RECIPIENTS = 50;

export class CreateReportScheduleRequest {
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: 'The team reported on; absent or null: the organisation' })
  @IsOptional() @IsUUID()
  teamId?: string | null;

  @ApiProperty({ enum: REPORT_CADENCES })
  @IsIn(REPORT_CADENCES)
  cadence!: ReportCadence;

  @ApiProperty({ type: [String], example: ['lead@example.com'], description: `Email addresses, 1 to ${MAX_RECIPIENTS}` })
  @IsArray() @ArrayNotEmpty() @ArrayMaxSize(MAX_RECIPIENTS) @ArrayUnique() @IsEmail({}, { each: true, message: 'each recipient must be an email address' })
  recipients!: string[];
}

export class UpdateReportScheduleRequest {
  @ApiPropertyOptional({ enum: REPORT_CADENCES })
  @IsOptional() @IsIn(REPORT_CADENCES)
  cadence?: ReportCadence;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional() @IsArray() @ArrayNotEmpty() @ArrayMaxSize(MAX_RECIPIENTS) @ArrayUnique() @IsEmail({}, { each: true, message: 'each recipient must be an email address' })
  recipients?: string[];
}

export class RunReportRequest {
  @ApiPropertyOptional({ example: '2026-Q3', description: 'The period to produce ("2026-11" monthly, "2026-Q3" quarterly); default: the last complete one' })
  @IsOptional() @Matches(/^\d{4}-(Q[1-4]|0[1-9]|1[0-2])$/, { message: 'period must look like 2026-11 or 2026-Q3' })
  period?: string;
}

export class ReportScheduleIdParam {
  @ApiProperty({ format: 'uuid' }) @IsUUID() id!: string;
}

export class ReportRunsQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only this schedule’s runs' })
  @IsOptional() @IsUUID()
  schedule?: string;
}

export class ReportScheduleResponse implements ReportScheduleDto {
  @ApiProperty() id!: string;
  @ApiProperty({ nullable: true, type: String }) teamId!: string | null;
  @ApiProperty({ nullable: true, type: String }) teamName!: string | null;
  @ApiProperty({ enum: REPORT_CADENCES }) cadence!: ReportCadence;
  @ApiProperty({ type: [String] }) recipients!: string[];
  @ApiProperty({ nullable: true, type: String }) createdBy!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}

export class ReportRunResponse implements ReportRunDto {
  @ApiProperty() id!: string;
  @ApiProperty({ nullable: true, type: String }) scheduleId!: string | null;
  @ApiProperty({ example: '2026-Q3' }) period!: string;
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ nullable: true, type: String }) teamName!: string | null;
  @ApiProperty({ enum: ['schedule', 'manual'] }) trigger!: 'schedule' | 'manual';
  @ApiProperty({ enum: REPORT_RUN_STATUSES }) status!: ReportRunStatus;
  @ApiProperty({ type: [String] }) recipients!: string[];
  @ApiProperty({ nullable: true, type: String, description: 'Why the last attempt failed' }) error!: string | null;
  @ApiProperty({ description: 'Attempts made; a failed run of the last complete period is retried by the hourly tick a bounded number of times' }) attempts!: number;
  @ApiProperty({ nullable: true, type: String, description: 'When the next automatic attempt is due; null when none will be made' }) nextAttemptAt!: string | null;
  @ApiProperty({ nullable: true, type: Number }) pdfBytes!: number | null;
  @ApiProperty() createdAt!: string;
}

export function mapSchedule(row: ReportScheduleRow): ReportScheduleResponse {
  return {
    id: row.id,
    teamId: row.team_id,
    teamName: row.team_name,
    cadence: row.cadence,
    recipients: row.recipients,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function mapRun(row: ReportRunRow): ReportRunResponse {
  return {
    id: row.id,
    scheduleId: row.schedule_id,
    period: row.period,
    from: row.period_from,
    to: row.period_to,
    title: row.title,
    teamName: row.team_name,
    trigger: row.trigger,
    status: row.status,
    recipients: row.recipients,
    error: row.error,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at?.toISOString() ?? null,
    pdfBytes: row.pdf_bytes,
    createdAt: row.created_at.toISOString(),
  };
}
