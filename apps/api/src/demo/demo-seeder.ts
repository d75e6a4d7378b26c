import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { demoChanges, demoFindings, demoOrganisation, demoThreatModels, type DemoChange, type DemoCommit, type DemoFinding, type DemoOptions, type DemoThreatModel } from '@escapement/domain';
import { createHash } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { FindingIngestRepository } from '../findings/finding-ingest.repository';
import { withClassification, type FindingRecord } from '../findings/finding-record';
import { ImportTally } from '../findings/import-tally';
import { ImportLogRepository } from '../imports/import-log.repository';
import { FindingLinker } from '../links/finding-linker';
import { ThreatModelRepository } from '../threat-models/threat-model.repository';

const BATCH = 5_000;
const SEEDED_KEY = 'demo_seeded';

/**
 * Loads the generated demo organisation through the same ingest path as real uploads, so the demo
 * exercises exactly what users' data goes through.
 */
@Injectable()
export class DemoSeeder {
  private readonly logger = new Logger('Demo');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ingest: FindingIngestRepository,
    private readonly importLog: ImportLogRepository,
    private readonly threatModels: ThreatModelRepository,
    private readonly linker: FindingLinker,
  ) {}

  /** Seeds only a database that has never held findings nor been seeded before. */
  async seedIfEmpty(options: DemoOptions = {}): Promise<boolean> {
    const [{ seeded, findings }] = await this.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM app_state WHERE key = $1) AS seeded, EXISTS (SELECT 1 FROM findings) AS findings`,
      [SEEDED_KEY],
    );
    if (seeded || findings) return false;
    const started = Date.now();
    const count = await this.seed(options);
    this.logger.log(`demo organisation loaded: ${count} findings in ${Date.now() - started} ms`);
    return true;
  }

  /** Adds the demo organisation (any size) to the database, in batches of one transaction each. */
  async seed(options: DemoOptions = {}, onProgress?: (done: number) => void): Promise<number> {
    const organisation = demoOrganisation(options);
    await this.dataSource.transaction(async (manager) => {
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
      // Before the findings, so that ingest links each batch as it arrives rather than relinking all at the end.
      await this.loadThreatModels(manager, demoThreatModels(options));
      await manager.query(`INSERT INTO app_state (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = now()`, [
        SEEDED_KEY,
        JSON.stringify({ seed: options.seed ?? 42, at: new Date().toISOString() }),
      ]);
    });

    let done = 0;
    let batch: FindingRecord[] = [];
    const flush = async () => {
      const records = batch;
      batch = [];
      await this.dataSource.transaction((manager) => this.storeBatch(manager, records));
      onProgress?.(done);
    };
    const commits: DemoCommit[] = [];
    for (const finding of demoFindings(options)) {
      batch.push(...sightingsOf(finding));
      if (finding.introducedCommit && finding.introducedAt) commits.push({ service: finding.service, commit: finding.introducedCommit, introducedAt: finding.introducedAt });
      done += 1;
      if (batch.length >= BATCH) await flush();
    }
    if (batch.length) await flush();
    await this.dataSource.transaction((manager) => this.storeChanges(manager, demoChanges(organisation, commits, options.seed ?? 42)));
    return done;
  }

  /** The demo's changes, with their flags as CI would have declared them; findings link to them by commit. */
  private async storeChanges(manager: EntityManager, changes: readonly DemoChange[]): Promise<void> {
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
   * Every version in order, as imports on their dates would have added them. A version already stored
   * with the same content and date is skipped, so seeding the same demo twice adds no versions.
   */
  private async loadThreatModels(manager: EntityManager, models: readonly DemoThreatModel[]): Promise<void> {
    let added = 0;
    for (const { service, versions } of models) {
      for (const { effectiveFrom, document } of versions) {
        const modelId = await this.threatModels.modelFor(manager, service, document.name);
        const sha256 = createHash('sha256').update(JSON.stringify(document)).digest('hex');
        const at = new Date(effectiveFrom);
        if (await this.threatModels.findVersionByContent(manager, modelId, sha256, at)) continue;
        await this.threatModels.addVersion(manager, modelId, document, { effectiveFrom: at, sha256, fileName: null, importedBy: 'demo generator' });
        added += 1;
      }
    }
    // Findings already stored (a demo added to existing data) move to the new versions, as after an
    // import; a fresh database has none, so this costs one empty query there.
    if (added > 0) await this.linker.relink(manager, null);
  }

  private async storeBatch(manager: EntityManager, records: FindingRecord[]): Promise<void> {
    const importId = await this.importLog.open(manager, { format: 'demo', stage: null, receivedBy: 'demo generator', fileName: null, contentSha256: null });
    const tally = new ImportTally();
    tally.add(await this.ingest.upsert(manager, records, importId));
    await this.importLog.complete(manager, importId, tally.counts());
  }
}

/** A demo finding seen at several stages becomes one sighting per detection, as real uploads would send it. */
function sightingsOf(finding: DemoFinding): FindingRecord[] {
  return finding.detections.map((detection) =>
    withClassification({
      serviceName: finding.service,
      fingerprint: finding.fingerprint,
      title: finding.title,
      severity: finding.severity,
      cweIds: finding.cweIds,
      ruleId: finding.ruleId,
      tool: detection.tool ?? finding.tool,
      sourceKind: detection.sourceKind,
      repo: finding.location.repo,
      path: finding.location.path,
      line: finding.location.line,
      introducedAt: finding.introducedAt === null ? null : new Date(finding.introducedAt),
      introducedCommit: finding.introducedCommit,
      status: finding.status,
      stage: detection.stage,
      detectedAt: new Date(detection.detectedAt),
      commitSha: null,
    }),
  );
}
