import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The change each finding came from, as Changes1765000000000 computed it at read time. */
const COMPUTED_FINDING_CHANGES = `
  CREATE OR REPLACE VIEW finding_changes AS
    SELECT f.id AS finding_id, f.service_id,
           coalesce(m.id, r.id, c.id) AS change_id,
           CASE WHEN m.id IS NOT NULL THEN 'manual' WHEN r.id IS NOT NULL THEN 'change_ref' ELSE 'commit' END AS link_source
      FROM findings f
      LEFT JOIN changes m ON m.id = f.change_id
      LEFT JOIN changes r ON f.change_id IS NULL AND r.service_id = f.service_id AND r.ref = f.change_ref
      LEFT JOIN LATERAL (
        SELECT c.id FROM changes c
         WHERE f.change_id IS NULL AND r.id IS NULL AND f.introduced_commit IS NOT NULL AND c.service_id = f.service_id
           AND (c.commits @> ARRAY[f.introduced_commit] OR c.merge_commit = f.introduced_commit)
         ORDER BY c.merged_at NULLS LAST, c.id
         LIMIT 1
      ) c ON true
     WHERE coalesce(m.id, r.id, c.id) IS NOT NULL`;

/**
 * The change each finding came from is stored on the finding instead of being worked out at every read:
 * at a million findings the read-time join against every change's commits took minutes. The same rule
 * decides it (by hand, else the change ref sent with the finding, else its introducing commit among a
 * change's commits or its merge commit, earliest merge first), kept by two triggers so that every way of
 * writing agrees: a finding is linked as it is stored or its commit, ref or hand-made link changes, and a
 * change relinks the findings of its service that name it when it is recorded or its commits or merge
 * change, so a change posted after its findings ties them too. Both sides take the service's advisory
 * lock, so an upload and a change at once see each other.
 *
 * A commit's changes are found through change_commits, kept by the same trigger on changes.
 *
 * No foreign key on the stored link: checking it on every ingested finding would lock the change's row;
 * changes are only removed with their service, and its findings go with it.
 */
export class StoredChangeLinks1765600000000 implements MigrationInterface {
  name = 'StoredChangeLinks1765600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE findings
        ADD COLUMN linked_change_id uuid,
        ADD COLUMN change_link_source text CHECK (change_link_source IN ('manual', 'change_ref', 'commit')),
        ADD CONSTRAINT findings_change_link_sourced CHECK ((linked_change_id IS NULL) = (change_link_source IS NULL));

      -- Every commit of every change, its merge commit included, to find a commit's changes by index: matching
      -- inside the commit arrays reads each change's whole (compressed) list, and the planner does not count that.
      CREATE TABLE change_commits (
        service_id uuid NOT NULL,
        commit_sha text NOT NULL,
        change_id uuid NOT NULL REFERENCES changes (id) ON DELETE CASCADE,
        PRIMARY KEY (service_id, commit_sha, change_id)
      );
      CREATE INDEX change_commits_change_idx ON change_commits (change_id);
      INSERT INTO change_commits (service_id, commit_sha, change_id)
        SELECT DISTINCT c.service_id, x.sha, c.id FROM changes c, unnest(c.commits || c.merge_commit) AS x(sha) WHERE x.sha IS NOT NULL;

      -- PL/pgSQL rather than SQL: its statements' plans are kept between calls, and a finding stops at the first rule that applies.
      CREATE FUNCTION finding_change_link(p_service uuid, p_change uuid, p_ref text, p_commit text, OUT change_id uuid, OUT link_source text)
        LANGUAGE plpgsql STABLE AS $$
      BEGIN
        IF p_change IS NOT NULL THEN
          change_id := p_change;
          link_source := 'manual';
          RETURN;
        END IF;
        IF p_ref IS NOT NULL THEN
          SELECT c.id INTO change_id FROM changes c WHERE c.service_id = p_service AND c.ref = p_ref;
          IF change_id IS NOT NULL THEN
            link_source := 'change_ref';
            RETURN;
          END IF;
        END IF;
        IF p_commit IS NOT NULL THEN
          SELECT c.id INTO change_id FROM change_commits cc JOIN changes c ON c.id = cc.change_id
           WHERE cc.service_id = p_service AND cc.commit_sha = p_commit
           ORDER BY c.merged_at NULLS LAST, c.id
           LIMIT 1;
          IF change_id IS NOT NULL THEN
            link_source := 'commit';
          END IF;
        END IF;
      END $$;

      UPDATE findings f SET linked_change_id = l.change_id, change_link_source = l.link_source
        FROM findings g CROSS JOIN LATERAL finding_change_link(g.service_id, g.change_id, g.change_ref, g.introduced_commit) l
       WHERE g.id = f.id AND l.change_id IS NOT NULL AND (g.change_id IS NOT NULL OR g.change_ref IS NOT NULL OR g.introduced_commit IS NOT NULL);
      -- A change's findings (its count, its detail, the metric): only linked findings are indexed.
      CREATE INDEX findings_linked_change_idx ON findings (linked_change_id, service_id) WHERE linked_change_id IS NOT NULL;

      CREATE FUNCTION findings_link_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- Most findings name no change at all: no lookup for them.
        IF NEW.change_id IS NULL AND NEW.change_ref IS NULL AND NEW.introduced_commit IS NULL THEN
          NEW.linked_change_id := NULL;
          NEW.change_link_source := NULL;
        ELSE
          SELECT l.change_id, l.link_source INTO NEW.linked_change_id, NEW.change_link_source
            FROM finding_change_link(NEW.service_id, NEW.change_id, NEW.change_ref, NEW.introduced_commit) l;
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER findings_link_change BEFORE INSERT OR UPDATE OF service_id, change_id, change_ref, introduced_commit ON findings
        FOR EACH ROW EXECUTE FUNCTION findings_link_change();

      CREATE FUNCTION changes_link_findings() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' THEN
          DELETE FROM change_commits WHERE change_id = NEW.id;
        END IF;
        INSERT INTO change_commits (service_id, commit_sha, change_id)
          SELECT DISTINCT NEW.service_id, x.sha, NEW.id FROM unnest(NEW.commits || NEW.merge_commit) AS x(sha) WHERE x.sha IS NOT NULL;
        -- The findings this change may now win or lose: those naming its ref or one of its commits, and those it held.
        UPDATE findings f SET linked_change_id = l.change_id, change_link_source = l.link_source
          FROM findings g CROSS JOIN LATERAL finding_change_link(g.service_id, g.change_id, g.change_ref, g.introduced_commit) l
         WHERE g.id = f.id AND g.service_id = NEW.service_id
           AND (g.change_ref = NEW.ref OR g.introduced_commit = ANY (NEW.commits) OR g.introduced_commit = NEW.merge_commit OR g.linked_change_id = NEW.id)
           AND (f.linked_change_id, f.change_link_source) IS DISTINCT FROM (l.change_id, l.link_source);
        RETURN NULL;
      END $$;
      CREATE TRIGGER changes_link_findings AFTER INSERT OR UPDATE OF commits, merge_commit, merged_at ON changes
        FOR EACH ROW EXECUTE FUNCTION changes_link_findings();

      -- Kept for reading by hand: now a plain read of the stored links.
      CREATE OR REPLACE VIEW finding_changes AS
        SELECT id AS finding_id, service_id, linked_change_id AS change_id, change_link_source AS link_source
          FROM findings WHERE linked_change_id IS NOT NULL;
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ${COMPUTED_FINDING_CHANGES};
      DROP TRIGGER changes_link_findings ON changes;
      DROP FUNCTION changes_link_findings();
      DROP TRIGGER findings_link_change ON findings;
      DROP FUNCTION findings_link_change();
      DROP FUNCTION finding_change_link(uuid, uuid, text, text);
      DROP TABLE change_commits;
      ALTER TABLE findings DROP COLUMN linked_change_id, DROP COLUMN change_link_source;
    `);
  }
}
