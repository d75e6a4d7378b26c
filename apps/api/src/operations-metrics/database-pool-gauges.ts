import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { OperationsRegistry } from './operations-registry';

/** The counters node-postgres keeps on its pool. */
interface PoolCounts {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/**
 * The use of the connection pool TypeORM holds to the primary database, read from the pool itself at
 * each scrape: no query is sent, so a scrape costs the database nothing and works while it is down.
 */
@Injectable()
export class DatabasePoolGauges {
  constructor(operations: OperationsRegistry, @InjectDataSource() dataSource: DataSource) {
    const pool = () => (dataSource.driver as unknown as { master?: Partial<PoolCounts> }).master;
    const gauge = (name: string, help: string, read: (counts: Partial<PoolCounts>) => number | undefined) =>
      new Gauge({
        name,
        help,
        registers: [operations.registry],
        collect() {
          const counts = pool();
          this.set(counts ? (read(counts) ?? 0) : 0);
        },
      });
    gauge('escapement_database_pool_connections', 'Connections open in the database pool, busy or idle', (c) => c.totalCount);
    gauge('escapement_database_pool_idle_connections', 'Open connections in the database pool not in use', (c) => c.idleCount);
    gauge('escapement_database_pool_waiting_clients', 'Queries waiting for a connection because every one is busy', (c) => c.waitingCount);
  }
}
