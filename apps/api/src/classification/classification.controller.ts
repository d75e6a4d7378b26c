import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator';
import { ACCESS } from '../auth/access-rules';
import { actorOf, type Principal } from '../auth/principal';
import { Caller } from '../auth/request-principal';
import { ClassificationRuleCreatedResponse, ClassificationRuleResponse, CreateClassificationRuleRequest, IdParam, OverrideClassificationRequest, ReclassifiedResponse } from './classification.dto';
import { ClassificationService } from './classification.service';

@ApiTags('classification')
@Controller('v1')
export class ClassificationController {
  constructor(private readonly service: ClassificationService) {}

  @ApiOperation({ summary: 'List workspace classification rules' })
  @Get('classification-rules')
  @Access(ACCESS.read)
  @ApiOkResponse({ type: [ClassificationRuleResponse] })
  listRules(): Promise<ClassificationRuleResponse[]> {
    return this.service.listRules();
  }

  /** Adds a workspace rule and re-classifies the stored findings by it. */
  @ApiOperation({ summary: 'Create a workspace classification rule' })
  @ApiCreatedResponse({ type: ClassificationRuleCreatedResponse })
  @Post('classification-rules')
  @Access(ACCESS.triage)
  createRule(@Body() request: CreateClassificationRuleRequest, @Caller() caller: Principal) {
    return this.service.createRule(request, actorOf(caller));
  }

  @ApiOperation({ summary: 'Delete a workspace classification rule' })
  @ApiOkResponse({ type: ReclassifiedResponse })
  @Delete('classification-rules/:id')
  @Access(ACCESS.triage)
  deleteRule(@Param() { id }: IdParam, @Caller() caller: Principal) {
    return this.service.deleteRule(id, actorOf(caller));
  }

  @ApiOperation({ summary: 'Override a finding\'s class' })
  @Put('findings/:id/classification')
  @HttpCode(204)
  @Access(ACCESS.triage)
  override(@Param() { id }: IdParam, @Body() request: OverrideClassificationRequest, @Caller() caller: Principal): Promise<void> {
    return this.service.override(id, request, actorOf(caller));
  }

  @ApiOperation({ summary: 'Remove the override of a finding\'s class' })
  @Delete('findings/:id/classification')
  @HttpCode(204)
  @Access(ACCESS.triage)
  clearOverride(@Param() { id }: IdParam, @Caller() caller: Principal): Promise<void> {
    return this.service.clearOverride(id, actorOf(caller));
  }
}
