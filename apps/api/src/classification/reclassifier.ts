import { Injectable } from '@nestjs/common';
import { classifyFinding, type SourceKind, type WorkspaceRule } from '@escapement/domain';
import type { EntityManager } from 'typeorm';

const BATCH = 5_000;

/** Applies the current rules to every stored finding that no person has overridden. */
@Injectable()
export class Reclassifier {
  async reclassifyAll(manager: EntityManager, rules: readonly WorkspaceRule[], onlyIds?: string[]): Promise<number> {
    let changed = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows: { id: string; cwe_ids: number[]; rule_id: string | null; tool: string | null; source_kind: SourceKind }[] = await manager.query(
        `SELECT id, cwe_ids, rule_id, tool, source_kind FROM findings
          WHERE NOT class_overridden AND id > $1 AND ($2::uuid[] IS NULL OR id = ANY($2::uuid[]))
          ORDER BY id LIMIT ${BATCH}`,
        [after, onlyIds ?? null],
      );
      if (rows.length === 0) return changed;
      after = rows[rows.length - 1].id;
      const verdicts = rows.map((r) => classifyFinding({ cweIds: r.cwe_ids, ruleId: r.rule_id, tool: r.tool, sourceKind: r.source_kind }, { workspaceRules: rules }));
      const [updated] = await manager.query(
        `WITH v AS (
           SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS v(id, finding_class, category, rule, reason, layer)
         ), changed AS (
           UPDATE findings f SET finding_class = v.finding_class::finding_class, category = v.category, class_rule = v.rule,
                  class_reason = v.reason, layer = v.layer::pwnisms_layer, updated_at = now()
             FROM v
            WHERE f.id = v.id AND (f.finding_class::text, f.category, f.class_rule, f.class_reason, f.layer::text)
                  IS DISTINCT FROM (v.finding_class, v.category, v.rule, v.reason, v.layer)
           RETURNING 1
         )
         SELECT count(*)::int AS n FROM changed`,
        [
          rows.map((r) => r.id),
          verdicts.map((v) => v.findingClass),
          verdicts.map((v) => v.category),
          verdicts.map((v) => v.rule),
          verdicts.map((v) => v.reason),
          verdicts.map((v) => v.layer ?? null),
        ],
      );
      changed += (updated as { n: number }).n;
    }
  }
}
