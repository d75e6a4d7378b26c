import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * New findings, detections and links get time-ordered ids (UUID version 7: the millisecond, then random
 * bits) instead of wholly random ones. An ingest batch's rows then land side by side in the primary keys
 * and in the indexes that lead with the finding's id (a detection's finding and stage, a link's finding)
 * rather than on a random page each: at a million findings those pages are mostly not in memory, and
 * every inserted row read one from disk. Ids stay UUIDs, unique and unguessable (74 random bits); rows
 * stored before keep theirs.
 *
 * PostgreSQL 15 has no uuidv7(): this one sets the first 48 bits of a random UUID to the Unix time in
 * milliseconds and its version to 7 (the variant bits are already those of RFC 9562).
 */
export class TimeOrderedIds1765720000000 implements MigrationInterface {
  name = 'TimeOrderedIds1765720000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION time_ordered_uuid() RETURNS uuid LANGUAGE sql VOLATILE PARALLEL SAFE AS $$
        SELECT encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
                 PLACING substring(int8send((extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3) FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid
      $$;
      ALTER TABLE findings ALTER COLUMN id SET DEFAULT time_ordered_uuid();
      ALTER TABLE detections ALTER COLUMN id SET DEFAULT time_ordered_uuid();
      ALTER TABLE finding_links ALTER COLUMN id SET DEFAULT time_ordered_uuid();
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE findings ALTER COLUMN id SET DEFAULT gen_random_uuid();
      ALTER TABLE detections ALTER COLUMN id SET DEFAULT gen_random_uuid();
      ALTER TABLE finding_links ALTER COLUMN id SET DEFAULT gen_random_uuid();
      DROP FUNCTION time_ordered_uuid();
    `);
  }
}
