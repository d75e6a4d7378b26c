import { Injectable } from '@nestjs/common';
import type { WorkspaceRule } from '@escapement/domain';
import type { EntityManager } from 'typeorm';
import { ClassificationRulesRepository, type WorkspaceRuleRow } from './classification-rules.repository';

/** How long another process's rule change may take to reach this one. */
const REFRESH_MS = 30_000;

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

/** The organisation's own classification rules, read on every ingest from a short-lived cache. */
@Injectable()
export class WorkspaceRules {
  private cache: { rules: WorkspaceRule[]; at: number } | null = null;

  constructor(private readonly repository: ClassificationRulesRepository) {}

  async rows(runner?: EntityManager): Promise<WorkspaceRuleRow[]> {
    return this.repository.list(runner);
  }

  async current(runner?: EntityManager): Promise<WorkspaceRule[]> {
    if (this.cache && Date.now() - this.cache.at < REFRESH_MS) return this.cache.rules;
    const rules = (await this.rows(runner)).map(toWorkspaceRule);
    this.cache = { rules, at: Date.now() };
    return rules;
  }

  invalidate(): void {
    this.cache = null;
  }
}
