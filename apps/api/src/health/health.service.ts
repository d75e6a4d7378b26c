import { Injectable } from '@nestjs/common';
import type { HealthDto } from '@escapement/domain';
import { DatabaseInfo } from '../database/database-info';
import { ReadDatabase } from '../database/read-database.repository';
import { HealthRepository } from './health.repository';

const PING_TIMEOUT_MS = 2_000;

@Injectable()
export class HealthService {
  constructor(
    private readonly health: HealthRepository,
    private readonly database: DatabaseInfo,
    private readonly reads: ReadDatabase,
  ) {}

  async check(): Promise<HealthDto> {
    const started = Date.now();
    const up = await Promise.race([
      this.health.answers(),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), PING_TIMEOUT_MS).unref()),
    ]);
    return {
      status: up ? 'ok' : 'unavailable',
      database: { status: up ? 'up' : 'down', kind: this.database.kind, latencyMs: up ? Date.now() - started : null },
      readReplica: this.reads.state(),
      version: process.env.npm_package_version ?? '0.1.0',
    };
  }
}
