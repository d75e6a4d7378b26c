import type { ChildProcess } from 'node:child_process';
import * as net from 'node:net';
import { Client } from 'pg';
import { databaseAdmin } from '../database-admin.repository';
import { delay } from './process';

/** How to reach the embedded server; the same shape `pg` takes. */
export interface EmbeddedConnection {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

/** A port free on 127.0.0.1 at the time of asking, for the server to listen on. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Resolves once the server accepts a login; fails at once if it exits, with the last lines it wrote. */
export async function waitUntilReady(connection: EmbeddedConnection, server: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (server.exitCode !== null || server.signalCode !== null) {
      throw new Error(`embedded PostgreSQL exited during start: ${stderr().trim().split('\n').slice(-5).join(' | ')}`);
    }
    const client = new Client({ ...connection, database: 'postgres' });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) throw new Error(`embedded PostgreSQL did not accept connections: ${(error as Error).message}`);
      await delay(50);
    }
  }
}

export async function ensureDatabase(connection: EmbeddedConnection): Promise<void> {
  const client = new Client({ ...connection, database: 'postgres' });
  await client.connect();
  try {
    await databaseAdmin.createDatabaseIfMissing(client, connection.database);
  } finally {
    await client.end();
  }
}
