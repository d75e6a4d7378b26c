import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Text search (`q` on the findings page) reads only the services and months whose findings can hold the term.
 *
 * `finding_search_grams` keeps, for each service and month of first detection (UTC), the trigrams of three
 * lower-case ASCII letters that pg_trgm finds in its findings' titles, rule ids, paths and fingerprints, read
 * without their digits (so that texts differing only in their numbers count once). A case-insensitive
 * substring match (`ILIKE '%term%'`) holds every three letters in a row of the lower-cased term, so a service
 * and month lacking one cannot hold a match. A text without a letter past `f` (a hexadecimal fingerprint, a
 * number) is kept as the mark `*hex` instead of its trigrams: it can hold any trigram of the letters a to f.
 * The sets are only ever added to: a superset of what their findings hold, whatever was retitled, moved or
 * removed.
 *
 * Nothing is computed on the ingest path: statement triggers note the findings inserted (per service and
 * statement, the range of their ids) and those whose searched fields or first detection changed, in
 * `finding_search_pending`; a search adds their trigrams before it reads the sets
 * (FindingSearchRepository.refresh). Existing findings are read here.
 */
export class FindingSearchGrams1765800000000 implements MigrationInterface {
  name = 'FindingSearchGrams1765800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE EXTENSION IF NOT EXISTS pg_trgm;

      CREATE TABLE finding_search_grams (
        trgm text NOT NULL,
        service_id uuid NOT NULL REFERENCES services (id) ON DELETE CASCADE,
        month date NOT NULL,
        PRIMARY KEY (trgm, service_id, month)
      );

      CREATE TABLE finding_search_pending (
        service_id uuid NOT NULL,
        first_id uuid NOT NULL,
        last_id uuid NOT NULL
      );

      CREATE FUNCTION finding_search_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO finding_search_pending (service_id, first_id, last_id)
        SELECT service_id, min(id::text COLLATE "C")::uuid, max(id::text COLLATE "C")::uuid
          FROM new_rows GROUP BY service_id;
        RETURN NULL;
      END $$;

      CREATE FUNCTION finding_search_updated() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO finding_search_pending (service_id, first_id, last_id)
        SELECT n.service_id, n.id, n.id
          FROM new_rows n JOIN old_rows o ON o.id = n.id
         WHERE (n.title, n.rule_id, n.path, n.fingerprint, n.first_detected_at, n.service_id)
               IS DISTINCT FROM (o.title, o.rule_id, o.path, o.fingerprint, o.first_detected_at, o.service_id);
        RETURN NULL;
      END $$;

      CREATE TRIGGER finding_search_insert AFTER INSERT ON findings
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION finding_search_inserted();
      CREATE TRIGGER finding_search_update AFTER UPDATE ON findings
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION finding_search_updated();

      -- A text as its trigrams are read from: without its digits (texts that differ only in their numbers
      -- count once), or '' for a hexadecimal text (a fingerprint), whose trigrams are all in the mark *hex.
      -- Removing digits only joins letters: every three letters in a row of the text stay in a row.
      CREATE FUNCTION finding_search_key(value text) RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS $$
        SELECT CASE WHEN translate(lower(value), '0123456789abcdef', '') = '' THEN '' ELSE translate(value, '0123456789', '') END
      $$;

      -- The trigrams of a key: pg_trgm's, lower case, of three ASCII letters; the mark *hex for a key without a
      -- letter past f (any three letters of it are of a to f).
      CREATE FUNCTION finding_search_trigrams(key text) RETURNS SETOF text LANGUAGE sql STABLE PARALLEL SAFE AS $$
        SELECT '*hex' WHERE lower(key) !~ '[ghijklmnopqrstuvwxyz]'
        UNION ALL
        SELECT t FROM unnest(show_trgm(key)) AS t
         WHERE lower(key) ~ '[ghijklmnopqrstuvwxyz]' AND t ~ '^[abcdefghijklmnopqrstuvwxyz]{3}$'
      $$;

      -- Every finding's texts, each distinct one of a service and month read once (as the search's refresh does).
      INSERT INTO finding_search_grams (trgm, service_id, month)
      SELECT DISTINCT t.trgm, v.service_id, v.month
        FROM (SELECT DISTINCT f.service_id, date_trunc('month', f.first_detected_at AT TIME ZONE 'UTC')::date AS month,
                     finding_search_key(x.value) AS key
                FROM findings f
                CROSS JOIN LATERAL unnest(ARRAY[f.title, f.rule_id, f.path, f.fingerprint]) AS x(value)
               WHERE x.value IS NOT NULL) v
        CROSS JOIN LATERAL finding_search_trigrams(v.key) AS t(trgm);
      ANALYZE finding_search_grams;
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TRIGGER finding_search_update ON findings;
      DROP TRIGGER finding_search_insert ON findings;
      DROP FUNCTION finding_search_trigrams(text);
      DROP FUNCTION finding_search_key(text);
      DROP FUNCTION finding_search_updated();
      DROP FUNCTION finding_search_inserted();
      DROP TABLE finding_search_pending;
      DROP TABLE finding_search_grams;
    `);
  }
}
