import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ruleIdGlobProblem } from '@escapement/domain';
import { DataSource } from 'typeorm';
import { AuditLog } from '../audit/audit-log.repository';
import { invalid, notFound } from '../common/domain-error';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ClassificationRuleResponse, CreateClassificationRuleRequest, mapRule, OverrideClassificationRequest } from './classification.dto';
import { ClassificationRulesRepository } from './classification-rules.repository';
import { FindingClassesRepository } from './finding-classes.repository';
import { Reclassifier } from './reclassifier';
import { toWorkspaceRule, WorkspaceRules } from './workspace-rules';

@Injectable()
export class ClassificationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly rules: WorkspaceRules,
    private readonly ruleRows: ClassificationRulesRepository,
    private readonly classes: FindingClassesRepository,
    private readonly reclassifier: Reclassifier,
    private readonly audit: AuditLog,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async listRules(): Promise<ClassificationRuleResponse[]> {
    return (await this.rules.rows()).map(mapRule);
  }

  /** A new workspace rule applies to the stored findings at once, in the same transaction. */
  async createRule(request: CreateClassificationRuleRequest, actor: string | null): Promise<{ rule: ClassificationRuleResponse; reclassified: number }> {
    const { ruleId, tool, cweId } = request.match;
    if (!ruleId && !tool && !cweId) throw invalid('A rule must match on at least one of ruleId, tool or cweId', [{ pointer: '/match', message: 'empty match' }]);
    const globProblem = ruleId ? ruleIdGlobProblem(ruleId, this.config.threatModels.glob) : null;
    if (globProblem) throw invalid(`match.ruleId ${globProblem}`, [{ pointer: '/match/ruleId', message: globProblem }]);
    const result = await this.dataSource.transaction(async (manager) => {
      const row = await this.ruleRows.insert(
        manager,
        { position: request.position ?? null, ruleId: ruleId ?? null, tool: tool ?? null, cweId: cweId ?? null, findingClass: request.findingClass, category: request.category ?? null, reason: request.reason ?? null },
        actor,
      );
      const reclassified = await this.reclassifier.reclassifyAll(manager, (await this.rules.rows(manager)).map(toWorkspaceRule));
      await this.audit.record(manager, { actor, action: 'classification_rule.created', subjectType: 'classification_rule', subjectId: row.id, details: { ...mapRule(row), reclassified } });
      return { rule: mapRule(row), reclassified };
    });
    return result;
  }

  async deleteRule(id: string, actor: string | null): Promise<{ reclassified: number }> {
    const result = await this.dataSource.transaction(async (manager) => {
      const deleted = await this.ruleRows.delete(manager, id);
      if (!deleted) throw notFound('Classification rule', id);
      const reclassified = await this.reclassifier.reclassifyAll(manager, (await this.rules.rows(manager)).map(toWorkspaceRule));
      await this.audit.record(manager, { actor, action: 'classification_rule.deleted', subjectType: 'classification_rule', subjectId: id, details: { ...mapRule(deleted), reclassified } });
      return { reclassified };
    });
    return result;
  }

  /** A person's class for a finding: it wins over every rule and survives re-imports. Audited. */
  async override(findingId: string, request: OverrideClassificationRequest, actor: string | null): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const before = await this.classes.lockClass(manager, findingId);
      if (!before) throw notFound('Finding', findingId);
      await this.classes.override(manager, findingId, request.findingClass, `overridden by a person: ${request.reason.trim()}`, actor);
      await this.audit.record(manager, {
        actor,
        action: 'finding.classification_overridden',
        subjectType: 'finding',
        subjectId: findingId,
        details: { from: before.finding_class, to: request.findingClass, reason: request.reason.trim(), previousRule: before.class_rule },
      });
    });
  }

  /** Hands the finding back to the rules. Audited. */
  async clearOverride(findingId: string, actor: string | null): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const before = await this.classes.lockClass(manager, findingId);
      if (!before) throw notFound('Finding', findingId);
      if (!before.class_overridden) return;
      await this.classes.clearOverride(manager, findingId);
      await this.reclassifier.reclassifyAll(manager, await this.rules.current(manager), [findingId]);
      await this.audit.record(manager, { actor, action: 'finding.classification_override_removed', subjectType: 'finding', subjectId: findingId, details: { was: before.finding_class } });
    });
  }
}
