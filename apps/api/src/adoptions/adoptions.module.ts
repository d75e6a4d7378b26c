import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ServiceEntity } from '../services/service.entity';
import { TeamEntity } from '../teams/team.entity';
import { AdoptionWindowsRepository } from './adoption-windows.repository';
import { AdoptionEntity } from './adoption.entity';
import { AdoptionsController } from './adoptions.controller';
import { AdoptionsService } from './adoptions.service';

@Module({
  imports: [TypeOrmModule.forFeature([AdoptionEntity, TeamEntity, ServiceEntity])],
  controllers: [AdoptionsController],
  providers: [AdoptionsService, AdoptionWindowsRepository],
})
export class AdoptionsModule {}
