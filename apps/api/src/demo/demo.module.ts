import { Module } from '@nestjs/common';
import { ThreatModelRepository } from '../threat-models/threat-model.repository';
import { DemoSeeder } from './demo-seeder';
import { ServicesModule } from '../services/services.module';

/** The seeder writes threat models through the same repository as imports; that module does not export it. */
@Module({ imports: [ServicesModule], providers: [DemoSeeder, ThreatModelRepository], exports: [DemoSeeder] })
export class DemoModule {}
