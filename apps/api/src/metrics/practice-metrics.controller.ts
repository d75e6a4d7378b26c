import { Controller, Get, Query } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { PracticeImpactResponse } from '@escapement/domain';
import { Access } from '../auth/access.decorator';
import { ACCESS } from '../auth/access-rules';
import type { Principal } from '../auth/principal';
import { Caller } from '../auth/request-principal';
import { AdoptionImpactQuery, ImpactResponse, PracticeImpactResponseBody } from './adoption-impact.dto';
import { AdoptionImpactService } from './adoption-impact.service';
import { ContainmentQuery, ContainmentResponseBody } from './containment.dto';
import { ContainmentService } from './containment.service';

@ApiTags('metrics')
/** Metrics about practice: the effect of adoptions, and where findings are contained. */
@Controller('v1/metrics')
export class PracticeMetricsController {
  constructor(
    private readonly service: AdoptionImpactService,
    private readonly containmentService: ContainmentService,
  ) {}

  /** Stage detected × class (or category): counts, share stopped by each stage, and the cost of escapes. */
  @ApiOperation({ summary: 'Where findings are caught, by finding category and stage' })
  @ApiOkResponse({ type: ContainmentResponseBody })
  @Get('containment')
  @Access(ACCESS.read)
  containment(@Query() query: ContainmentQuery, @Caller() caller: Principal) {
    return this.containmentService.containment(query, caller.teams);
  }

  /** Before and after an adoption (or every adoption of a practice), per class: the verdict against a control group. */
  @ApiOperation({ summary: 'Adoption verdict: did escapes change after adoption' })
  @Get('adoption-impact')
  @Access(ACCESS.read)
  @ApiExtraModels(ImpactResponse, PracticeImpactResponseBody)
  @ApiOkResponse({
    description: 'One adoption (adoption, team or service), or every adoption of a practice analysed together (practice)',
    schema: { oneOf: [{ $ref: getSchemaPath(ImpactResponse) }, { $ref: getSchemaPath(PracticeImpactResponseBody) }] },
  })
  impact(@Query() query: AdoptionImpactQuery, @Caller() caller: Principal): Promise<ImpactResponse | PracticeImpactResponse> {
    return this.service.impact(query, caller.teams);
  }
}
