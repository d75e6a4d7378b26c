import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ServiceDto } from '@escapement/domain';
import { ArrayMaxSize, IsArray, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import type { ServiceRecord } from './services.repository';

export class CreateServiceRequest {
  @ApiProperty({ example: 'payments-api' })
  @IsString()
  @Length(1, 200)
  @Matches(/\S/, { message: 'name must not be blank' })
  name!: string;

  @ApiPropertyOptional({ description: 'Id of the owning team' })
  @IsOptional()
  @IsUUID()
  teamId?: string;

  @ApiPropertyOptional({ type: [String], example: ['github.com/acme/payments-*'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @Length(1, 500, { each: true })
  repositoryPatterns?: string[];
}

export class ServiceResponse implements ServiceDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) teamId!: string | null;
  @ApiProperty({ nullable: true, type: String }) teamName!: string | null;
  @ApiProperty({ type: [String] }) repositoryPatterns!: string[];
  @ApiProperty() createdAt!: string;
}

export function mapService(service: ServiceRecord): ServiceResponse {
  return {
    id: service.id,
    name: service.name,
    teamId: service.teamId,
    teamName: service.teamName,
    repositoryPatterns: service.repositoryPatterns,
    createdAt: service.createdAt.toISOString(),
  };
}
