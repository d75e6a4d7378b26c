import { Injectable } from '@nestjs/common';
import type { WorkspaceRule } from '@escapement/domain';
import type { EntityManager } from 'typeorm';
import { ClassificationRulesRepository, type WorkspaceRuleRow } from './classification-rules.repository';

export function toWorkspaceRule(row: WorkspaceRuleRow): WorkspaceRule {
  return {
    id: row.id,
    match: {
      ...(row.match_rule_id ? { ruleId: row.match_rule_id } : {}),
      ...(row.match_tool ? { tool: row.match_tool } : {}),
      ...(row.match_cwe_id ? { cweId: row.match_cwe_id } : {}),
    },
    findingClass: row.finding_class,
    ...(row.category ? { category: row.category } : {}),
    ...(row.reason ? { reason: row.reason } : {}),
  } as WorkspaceRule;
}

/**
 * The organisation's own classification rules, read by every ingest inside its own transaction: a small
 * table, and no cache, so a rule changed through one API instance applies at once on all of them.
 */
@Injectable()
export class WorkspaceRules {
  constructor(private readonly repository: ClassificationRulesRepository) {}

  async rows(runner?: EntityManager): Promise<WorkspaceRuleRow[]> {
    return this.repository.list(runner);
  }

  async current(runner?: EntityManager): Promise<WorkspaceRule[]> {
    return (await this.rows(runner)).map(toWorkspaceRule);
  }
}
