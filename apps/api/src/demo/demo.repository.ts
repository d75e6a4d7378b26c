import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DemoChange, DemoOrganisation } from '@escapement/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { holdBackTriggers, holdsAnyFinding, restoreTriggers, type HeldBackTrigger } from './demo-bulk-load.repository';

/** The per-change trigger that records a change's commits and relinks the findings naming them (none yet). */
const CHANGE_TRIGGERS_HELD_BACK: readonly HeldBackTrigger[] = [['changes', 'changes_link_findings']];

/** What the demo generator writes besides findings and threat models (those go through the ingest path). */
@Injectable()
export class DemoRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Whether the demo was seeded before, and whether the database holds any finding. */
  async state(seededKey: string): Promise<{ seeded: boolean; findings: boolean }> {
    const [{ seeded }]: { seeded: boolean }[] = await this.dataSource.query(`SELECT EXISTS (SELECT 1 FROM app_state WHERE key = $1) AS seeded`, [seededKey]);
    return { seeded, findings: await holdsAnyFinding(this.dataSource.manager) };
  }

  /** The organisation's teams, services (with their repository patterns) and adoptions; existing ones are kept. */
  async storeOrganisation(manager: EntityManager, organisation: DemoOrganisation): Promise<void> {
    await manager.query(`INSERT INTO teams (name) SELECT unnest($1::text[]) ON CONFLICT (name) DO NOTHING`, [organisation.teams.map((t) => t.name)]);
    await manager.query(
      `INSERT INTO services (name, team_id, repository_patterns)
       SELECT s.name, t.id, string_to_array(s.patterns, E'\\n')
         FROM unnest($1::text[], $2::text[], $3::text[]) AS s(name, team, patterns)
         JOIN teams t ON t.name = s.team
       ON CONFLICT (name) DO UPDATE SET team_id = excluded.team_id, repository_patterns = excluded.repository_patterns`,
      [organisation.services.map((s) => s.name), organisation.services.map((s) => s.team), organisation.services.map((s) => s.repositoryPatterns.join('\n'))],
    );
    await manager.query(
      `INSERT INTO adoptions (team_id, practice, started_at)
       SELECT t.id, a.practice, a.started_at::date
         FROM unnest($1::text[], $2::text[], $3::text[]) AS a(team, practice, started_at)
         JOIN teams t ON t.name = a.team
       ON CONFLICT DO NOTHING`,
      [organisation.adoptions.map((a) => a.team), organisation.adoptions.map((a) => a.practice), organisation.adoptions.map((a) => a.startedAt)],
    );
  }

  async markSeeded(manager: EntityManager, seededKey: string, value: { seed: number; at: string }): Promise<void> {
    await manager.query(`INSERT INTO app_state (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = now()`, [
      seededKey,
      JSON.stringify(value),
    ]);
  }

  /**
   * Fresh planner statistics after a bulk load. Autovacuum would gather them in time, but it may be off or
   * behind (it is off on some managed and test servers): without statistics, a million-finding list filtered
   * to an empty cohort month walked the whole sort index (2.5 s) instead of answering from the cohort index.
   */
  async analyze(): Promise<void> {
    await this.dataSource.query(`ANALYZE`);
  }

  /** The demo's changes, with their flags as CI would have declared them; findings link to them by commit. */
  async storeChanges(manager: EntityManager, changes: readonly DemoChange[]): Promise<void> {
    const col = <T>(pick: (c: DemoChange) => T) => changes.map(pick);
    const source = (value: boolean | null) => (value === null ? null : 'declared');
    await manager.query(
      `INSERT INTO changes (service_id, ref, title, author, commits, opened_at, merged_at, ai_assisted,
                            threat_model_linked, threat_model_linked_source, acceptance_criteria, acceptance_criteria_source,
                            prompt_context, prompt_context_source, reviewed_against_model, reviewed_against_model_source, recorded_by)
       SELECT s.id, c.ref, c.title, c.author, string_to_array(c.commits, ','), c.opened_at, c.merged_at, c.ai_assisted,
              c.tml, c.tml_source::context_flag_source, c.ac, c.ac_source::context_flag_source, c.pc, c.pc_source::context_flag_source,
              c.ram, c.ram_source::context_flag_source, 'demo generator'
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::timestamptz[], $8::boolean[],
                     $9::boolean[], $10::text[], $11::boolean[], $12::text[], $13::boolean[], $14::text[], $15::boolean[], $16::text[])
           AS c(service, ref, title, author, commits, opened_at, merged_at, ai_assisted, tml, tml_source, ac, ac_source, pc, pc_source, ram, ram_source)
         JOIN services s ON s.name = c.service
       ON CONFLICT (service_id, ref) DO NOTHING`,
      [
        col((c) => c.service),
        col((c) => c.ref),
        col((c) => c.title),
        col((c) => c.author),
        col((c) => c.commits.join(',')),
        col((c) => c.openedAt),
        col((c) => c.mergedAt),
        col((c) => c.aiAssisted),
        col((c) => c.threatModelLinked),
        col((c) => source(c.threatModelLinked)),
        col((c) => c.acceptanceCriteria),
        col((c) => source(c.acceptanceCriteria)),
        col((c) => c.promptContext),
        col((c) => source(c.promptContext)),
        col((c) => c.reviewedAgainstModel),
        col((c) => source(c.reviewedAgainstModel)),
      ],
    );
  }

  /**
   * The same, by a bulk load into a database without findings, whose transaction holds the findings' lock:
   * the per-change trigger that records each change's commits and relinks the findings naming them (none
   * here) is held back for this transaction, and the commits are recorded by one sorted insert (at 10M
   * findings, 7.5 million commits that the trigger inserted one change at a time, each into a random place
   * of the commit index). Commits of changes stored before are already recorded and are kept.
   */
  async storeChangesInBulk(manager: EntityManager, changes: readonly DemoChange[]): Promise<void> {
    await holdBackTriggers(manager, CHANGE_TRIGGERS_HELD_BACK);
    await this.storeChanges(manager, changes);
    await manager.query(
      `INSERT INTO change_commits (service_id, commit_sha, change_id)
       SELECT DISTINCT c.service_id, x.sha, c.id FROM changes c CROSS JOIN LATERAL unnest(c.commits || c.merge_commit) AS x(sha)
        WHERE x.sha IS NOT NULL
        ORDER BY 1, 2, 3
       ON CONFLICT DO NOTHING`,
    );
    await restoreTriggers(manager, CHANGE_TRIGGERS_HELD_BACK);
  }
}
