import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FindingClass, WorkspaceRule } from '@escapement/domain';
import { DataSource, type EntityManager } from 'typeorm';

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

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async rows(runner: EntityManager | DataSource = this.dataSource): Promise<WorkspaceRuleRow[]> {
    return runner.query(`SELECT * FROM classification_rules ORDER BY position, created_at`);
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
