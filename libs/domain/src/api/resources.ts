import type { PrimaryAnalysis } from '../model/primary-analysis';

export interface TeamDto {
  id: string;
  name: string;
  createdAt: string;
}

export interface ServiceDto {
  id: string;
  name: string;
  teamId: string | null;
  teamName: string | null;
  repositoryPatterns: string[];
  createdAt: string;
}

export interface AdoptionDto {
  id: string;
  teamId: string | null;
  teamName: string | null;
  serviceId: string | null;
  serviceName: string | null;
  practice: string;
  /** ISO date (YYYY-MM-DD). */
  startedAt: string;
  /** When the practice ended (YYYY-MM-DD), null while it goes on: its after-window ends there. */
  retiredAt: string | null;
  /** Fixed when recorded; editable only while the after-window has no finding. */
  primaryAnalysis: PrimaryAnalysis;
  createdAt: string;
}

export interface Page<T> {
  items: T[];
  /** Opaque cursor for the next page, null on the last one. */
  nextCursor: string | null;
}

export interface FindingUpsertCounts {
  received: number;
  created: number;
  updated: number;
  unchanged: number;
}

/** A streaming replica serving the dashboard's reads: whether it answers, how far behind it is, whether reads go to it now. */
export interface ReadReplicaHealthDto {
  status: 'up' | 'down';
  /** True on a replica (a server replaying its primary's WAL). */
  inRecovery: boolean | null;
  /** Zero when it has replayed everything the primary wrote; else milliseconds since the last transaction it replayed. */
  lagMs: number | null;
  /** Reads go to the replica (up, and within the allowed lag); false: they go to the primary. */
  serving: boolean;
}

export interface HealthDto {
  status: 'ok' | 'unavailable';
  database: { status: 'up' | 'down'; kind: 'embedded' | 'external'; latencyMs: number | null };
  /** Null when no DATABASE_READ_URL is configured. */
  readReplica: ReadReplicaHealthDto | null;
  version: string;
}
