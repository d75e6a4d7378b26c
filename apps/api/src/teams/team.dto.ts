import { ApiProperty } from '@nestjs/swagger';
import type { TeamDto } from '@escapement/domain';
import { IsString, Length, Matches } from 'class-validator';
import type { TeamRecord } from './teams.repository';

export class CreateTeamRequest {
  @ApiProperty({ example: 'Payments' })
  @IsString()
  @Length(1, 200)
  @Matches(/\S/, { message: 'name must not be blank' })
  name!: string;
}

export class TeamResponse implements TeamDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() createdAt!: string;
}

export function mapTeam(team: TeamRecord): TeamResponse {
  return { id: team.id, name: team.name, createdAt: team.createdAt.toISOString() };
}
