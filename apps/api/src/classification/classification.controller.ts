import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ClassificationRuleResponse, CreateClassificationRuleRequest, IdParam, OverrideClassificationRequest } from './classification.dto';
import { ClassificationService } from './classification.service';

@ApiTags('classification')
@Controller('v1')
export class ClassificationController {
  constructor(private readonly service: ClassificationService) {}

  @Get('classification-rules')
  @ApiOkResponse({ type: [ClassificationRuleResponse] })
  listRules(): Promise<ClassificationRuleResponse[]> {
    return this.service.listRules();
  }

  /** Adds a workspace rule and re-classifies the stored findings by it. */
  @Post('classification-rules')
  createRule(@Body() request: CreateClassificationRuleRequest) {
    return this.service.createRule(request, null);
  }

  @Delete('classification-rules/:id')
  deleteRule(@Param() { id }: IdParam) {
    return this.service.deleteRule(id, null);
  }

  @Put('findings/:id/classification')
  @HttpCode(204)
  override(@Param() { id }: IdParam, @Body() request: OverrideClassificationRequest): Promise<void> {
    return this.service.override(id, request, null);
  }

  @Delete('findings/:id/classification')
  @HttpCode(204)
  clearOverride(@Param() { id }: IdParam): Promise<void> {
    return this.service.clearOverride(id, null);
  }
}
