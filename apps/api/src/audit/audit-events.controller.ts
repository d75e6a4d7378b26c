import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator';
import { ACCESS } from '../auth/access-rules';
import { AuditEventPageResponse, ListAuditEventsQuery } from './audit-event.dto';
import { AuditEventsService } from './audit-events.service';

@ApiTags('audit')
@Controller('v1/audit-events')
export class AuditEventsController {
  constructor(private readonly service: AuditEventsService) {}

  /** Security-relevant events, newest first; follow nextCursor for older ones. */
  @ApiOperation({ summary: 'List audit events' })
  @Get()
  @Access(ACCESS.administer)
  @ApiOkResponse({ type: AuditEventPageResponse })
  list(@Query() query: ListAuditEventsQuery): Promise<AuditEventPageResponse> {
    return this.service.page(query);
  }
}
