import { Module } from '@nestjs/common';
import { AuditEventsController } from './audit-events.controller';
import { AuditEventsRepository } from './audit-events.repository';
import { AuditEventsService } from './audit-events.service';
import { AuditLog } from './audit-log.repository';

/** The audit trail: every feature that changes something records it through the exported AuditLog. */
@Module({ controllers: [AuditEventsController], providers: [AuditEventsService, AuditEventsRepository, AuditLog], exports: [AuditLog] })
export class AuditModule {}
