import { Injectable } from '@nestjs/common';
import { mapAuditEvent, type AuditEventPageResponse, type ListAuditEventsQuery } from './audit-event.dto';
import { AuditEventsRepository } from './audit-events.repository';

@Injectable()
export class AuditEventsService {
  constructor(private readonly events: AuditEventsRepository) {}

  /** Newest first; the cursor is the id of the last event shown. */
  async page(query: ListAuditEventsQuery): Promise<AuditEventPageResponse> {
    const limit = query.limit ?? 50;
    const rows = await this.events.list({ limit: limit + 1, beforeId: query.cursor ?? null, action: query.action ?? null });
    const page = rows.slice(0, limit);
    return { items: page.map(mapAuditEvent), nextCursor: rows.length > limit ? page[page.length - 1].id : null };
  }
}
