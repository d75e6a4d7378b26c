import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, Length, Matches } from 'class-validator';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Which report: a team (by id or name) or the organisation, for a quarter or dates (default: the last complete quarter). */
export class TeamReportQuery {
  @ApiPropertyOptional({ description: 'Team id or name; without it, the organisation (a team-limited caller: their teams)' })
  @IsOptional() @IsString() @Length(1, 200)
  team?: string;

  @ApiPropertyOptional({ example: '2026-Q3', description: 'A quarter, instead of from/to' })
  @IsOptional() @Matches(/^\d{4}-Q[1-4]$/, { message: 'quarter must look like 2026-Q3' })
  quarter?: string;

  @ApiPropertyOptional({ example: '2026-07-01', description: 'First day (YYYY-MM-DD, UTC); with to' })
  @IsOptional() @IsISO8601({ strict: true }) @Matches(DATE, { message: 'from must be a date as YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-10-01', description: 'Day after the last (exclusive); with from' })
  @IsOptional() @IsISO8601({ strict: true }) @Matches(DATE, { message: 'to must be a date as YYYY-MM-DD' })
  to?: string;
}
