import { Injectable } from '@nestjs/common';
import type { FindingClass, FindingClassification, SourceKind } from '@escapement/domain';
import type { EntityManager } from 'typeorm';

export interface ClassifiableFinding {
  id: string;
  cwe_ids: number[];
  rule_id: string | null;
  tool: string | null;
  source_kind: SourceKind;
}

export interface StoredClass {
  finding_class: FindingClass;
  class_rule: string;
  class_reason: string;
  class_overridden: boolean;
}

/** The class of stored findings: what the rules decided, and what a person decided instead. */
@Injectable()
export class FindingClassesRepository {
  /** Up to `limit` findings no person has overridden, after the id `after` (in id order); `onlyIds` narrows them. */
  unoverridden(manager: EntityManager, after: string, onlyIds: string[] | null, limit: number): Promise<ClassifiableFinding[]> {
    return manager.query(
      `SELECT id, cwe_ids, rule_id, tool, source_kind FROM findings
        WHERE NOT class_overridden AND id > $1 AND ($2::uuid[] IS NULL OR id = ANY($2::uuid[]))
        ORDER BY id LIMIT ${Number(limit)}`,
      [after, onlyIds],
    );
  }

  /** Stores the verdicts that differ from the stored class; answers how many findings changed. */
  async applyVerdicts(manager: EntityManager, ids: string[], verdicts: readonly FindingClassification[]): Promise<number> {
    const [updated]: { n: number }[] = await manager.query(
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
        ids,
        verdicts.map((v) => v.findingClass),
        verdicts.map((v) => v.category),
        verdicts.map((v) => v.rule),
        verdicts.map((v) => v.reason),
        verdicts.map((v) => v.layer ?? null),
      ],
    );
    return updated.n;
  }

  /** The finding's class, its row locked until the transaction ends; null when there is no such finding. */
  async lockClass(manager: EntityManager, findingId: string): Promise<StoredClass | null> {
    const [row]: StoredClass[] = await manager.query(`SELECT finding_class, class_rule, class_reason, class_overridden FROM findings WHERE id = $1 FOR UPDATE`, [findingId]);
    return row ?? null;
  }

  async override(manager: EntityManager, findingId: string, findingClass: FindingClass, reason: string, actor: string | null): Promise<void> {
    await manager.query(
      `UPDATE findings SET finding_class = $2, class_rule = 'override', class_reason = $3, class_overridden = true,
              class_overridden_by = $4, class_overridden_at = now(), updated_at = now() WHERE id = $1`,
      [findingId, findingClass, reason, actor],
    );
  }

  async clearOverride(manager: EntityManager, findingId: string): Promise<void> {
    await manager.query(`UPDATE findings SET class_overridden = false, class_overridden_by = NULL, class_overridden_at = NULL WHERE id = $1`, [findingId]);
  }
}
