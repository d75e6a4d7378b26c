import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FindingClass } from '@escapement/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { modifyReturning } from '../common/sql';

export interface WorkspaceRuleRow {
  id: string;
  position: number;
  match_rule_id: string | null;
  match_tool: string | null;
  match_cwe_id: number | null;
  finding_class: FindingClass;
  category: string | null;
  reason: string | null;
  created_by: string | null;
  created_at: Date;
}

export interface NewWorkspaceRule {
  position: number | null;
  ruleId: string | null;
  tool: string | null;
  cweId: number | null;
  findingClass: FindingClass;
  category: string | null;
  reason: string | null;
}

/** The organisation's own classification rules, in the order they apply. */
@Injectable()
export class ClassificationRulesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  list(runner: EntityManager | DataSource = this.dataSource): Promise<WorkspaceRuleRow[]> {
    return runner.query(`SELECT * FROM classification_rules ORDER BY position, created_at`);
  }

  /** Without a position, the rule goes last. */
  async insert(manager: EntityManager, rule: NewWorkspaceRule, actor: string | null): Promise<WorkspaceRuleRow> {
    const [row]: WorkspaceRuleRow[] = await manager.query(
      `INSERT INTO classification_rules (position, match_rule_id, match_tool, match_cwe_id, finding_class, category, reason, created_by)
       VALUES (coalesce($1, (SELECT coalesce(max(position), 0) + 10 FROM classification_rules)), $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
      [rule.position, rule.ruleId, rule.tool, rule.cweId, rule.findingClass, rule.category, rule.reason, actor],
    );
    return row;
  }

  /** The deleted rule, or null when there was none. */
  async delete(manager: EntityManager, id: string): Promise<WorkspaceRuleRow | null> {
    const [deleted] = await modifyReturning<WorkspaceRuleRow>(manager, `DELETE FROM classification_rules WHERE id = $1 RETURNING *`, [id]);
    return deleted ?? null;
  }
}
