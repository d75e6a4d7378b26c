import { AdoptionEntity } from '../adoptions/adoption.entity';
import { ServiceEntity } from '../services/service.entity';
import { TeamEntity } from '../teams/team.entity';

/** Entities mapped by TypeORM; findings and detections are read and written with explicit SQL. */
export const ENTITIES = [TeamEntity, ServiceEntity, AdoptionEntity];
