import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface AuditEvent {
  actor: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  details?: Record<string, unknown>;
}

/** Security-relevant events, written in the same transaction as the change they describe. */
@Injectable()
export class AuditLog {
  async record(manager: EntityManager, event: AuditEvent): Promise<void> {
    await manager.query(`INSERT INTO audit_events (actor, action, subject_type, subject_id, details) VALUES ($1, $2, $3, $4, $5)`, [
      event.actor,
      event.action,
      event.subjectType,
      event.subjectId,
      JSON.stringify(event.details ?? {}),
    ]);
  }
}
