import { ApiProperty } from '@nestjs/swagger';
import type { HealthDto, ReadReplicaHealthDto } from '@escapement/domain';

type DatabaseHealth = HealthDto['database'];

export class DatabaseHealthResponse implements DatabaseHealth {
  @ApiProperty({ enum: ['up', 'down'] }) status!: 'up' | 'down';
  @ApiProperty({ enum: ['embedded', 'external'] }) kind!: 'embedded' | 'external';
  @ApiProperty({ nullable: true, type: Number }) latencyMs!: number | null;
}

export class ReadReplicaHealthResponse implements ReadReplicaHealthDto {
  @ApiProperty({ enum: ['up', 'down'] }) status!: 'up' | 'down';
  @ApiProperty({ nullable: true, type: Boolean, description: 'True on a replica replaying its primary\'s WAL' }) inRecovery!: boolean | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Milliseconds since the last transaction it replayed; zero when caught up' }) lagMs!: number | null;
  @ApiProperty({ description: 'Reads go to the replica; false: they go to the primary' }) serving!: boolean;
}

export class HealthResponse implements HealthDto {
  @ApiProperty({ enum: ['ok', 'unavailable'] }) status!: 'ok' | 'unavailable';
  @ApiProperty({ type: DatabaseHealthResponse }) database!: DatabaseHealthResponse;
  @ApiProperty({ nullable: true, type: ReadReplicaHealthResponse, description: 'Null when no DATABASE_READ_URL is configured' }) readReplica!: ReadReplicaHealthResponse | null;
  @ApiProperty() version!: string;
}
