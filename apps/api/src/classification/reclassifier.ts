import { Injectable } from '@nestjs/common';
import { classifyFinding, type WorkspaceRule } from '@escapement/domain';
import type { EntityManager } from 'typeorm';
import { FindingClassesRepository } from './finding-classes.repository';

const BATCH = 5_000;

/** Applies the current rules to every stored finding that no person has overridden. */
@Injectable()
export class Reclassifier {
  constructor(private readonly classes: FindingClassesRepository) {}

  async reclassifyAll(manager: EntityManager, rules: readonly WorkspaceRule[], onlyIds?: string[]): Promise<number> {
    let changed = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows = await this.classes.unoverridden(manager, after, onlyIds ?? null, BATCH);
      if (rows.length === 0) return changed;
      after = rows[rows.length - 1].id;
      const verdicts = rows.map((r) => classifyFinding({ cweIds: r.cwe_ids, ruleId: r.rule_id, tool: r.tool, sourceKind: r.source_kind }, { workspaceRules: rules }));
      changed += await this.classes.applyVerdicts(manager, rows.map((r) => r.id), verdicts);
    }
  }
}
