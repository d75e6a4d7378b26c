import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ruleIdGlobProblem } from '@escapement/domain';
import { DataSource } from 'typeorm';
import { AuditLog } from '../audit/audit-log.repository';
import { invalid, notFound } from '../common/domain-error';
import { modifyReturning } from '../common/sql';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ClassificationRuleResponse, CreateClassificationRuleRequest, mapRule, OverrideClassificationRequest } from './classification.dto';
import { Reclassifier } from './reclassifier';
import { toWorkspaceRule, WorkspaceRules, type WorkspaceRuleRow } from './workspace-rules';

@Injectable()
export class ClassificationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly rules: WorkspaceRules,
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
      const [row]: WorkspaceRuleRow[] = await manager.query(
        `INSERT INTO classification_rules (position, match_rule_id, match_tool, match_cwe_id, finding_class, category, reason, created_by)
         VALUES (coalesce($1, (SELECT coalesce(max(position), 0) + 10 FROM classification_rules)), $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
        [request.position ?? null, ruleId ?? null, tool ?? null, cweId ?? null, request.findingClass, request.category ?? null, request.reason ?? null, actor],
      );
      const reclassified = await this.reclassifier.reclassifyAll(manager, (await this.rules.rows(manager)).map(toWorkspaceRule));
      await this.audit.record(manager, { actor, action: 'classification_rule.created', subjectType: 'classification_rule', subjectId: row.id, details: { ...mapRule(row), reclassified } });
      return { rule: mapRule(row), reclassified };
    });
    this.rules.invalidate();
    return result;
  }

  async deleteRule(id: string, actor: string | null): Promise<{ reclassified: number }> {
    const result = await this.dataSource.transaction(async (manager) => {
      const deleted = await modifyReturning<WorkspaceRuleRow>(manager, `DELETE FROM classification_rules WHERE id = $1 RETURNING *`, [id]);
      if (!deleted.length) throw notFound('Classification rule', id);
      const reclassified = await this.reclassifier.reclassifyAll(manager, (await this.rules.rows(manager)).map(toWorkspaceRule));
      await this.audit.record(manager, { actor, action: 'classification_rule.deleted', subjectType: 'classification_rule', subjectId: id, details: { ...mapRule(deleted[0]), reclassified } });
      return { reclassified };
    });
    this.rules.invalidate();
    return result;
  }

  /** A person's class for a finding: it wins over every rule and survives re-imports. Audited. */
  async override(findingId: string, request: OverrideClassificationRequest, actor: string | null): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [before] = await manager.query(`SELECT finding_class, class_rule, class_reason FROM findings WHERE id = $1 FOR UPDATE`, [findingId]);
      if (!before) throw notFound('Finding', findingId);
      await manager.query(
        `UPDATE findings SET finding_class = $2, class_rule = 'override', class_reason = $3, class_overridden = true,
                class_overridden_by = $4, class_overridden_at = now(), updated_at = now() WHERE id = $1`,
        [findingId, request.findingClass, `overridden by a person: ${request.reason.trim()}`, actor],
      );
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
      const [before] = await manager.query(`SELECT finding_class, class_overridden FROM findings WHERE id = $1 FOR UPDATE`, [findingId]);
      if (!before) throw notFound('Finding', findingId);
      if (!before.class_overridden) return;
      await manager.query(`UPDATE findings SET class_overridden = false, class_overridden_by = NULL, class_overridden_at = NULL WHERE id = $1`, [findingId]);
      await this.reclassifier.reclassifyAll(manager, await this.rules.current(manager), [findingId]);
      await this.audit.record(manager, { actor, action: 'finding.classification_override_removed', subjectType: 'finding', subjectId: findingId, details: { was: before.finding_class } });
    });
  }
}
