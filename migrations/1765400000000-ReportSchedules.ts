import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Scheduled reports and their archive. A run is unique per schedule and period, so that a period is
 * produced once however many instances see it due; runs outlive their schedule (the archive is a record).
 */
export class ReportSchedules1765400000000 implements MigrationInterface {
  name = 'ReportSchedules1765400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE report_schedules (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        team_id uuid REFERENCES teams (id) ON DELETE CASCADE,
        cadence text NOT NULL CHECK (cadence IN ('monthly', 'quarterly')),
        recipients text[] NOT NULL,
        created_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE report_runs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        schedule_id uuid REFERENCES report_schedules (id) ON DELETE SET NULL,
        period text NOT NULL,
        period_from date NOT NULL,
        period_to date NOT NULL,
        title text NOT NULL,
        team_name text,
        trigger text NOT NULL CHECK (trigger IN ('schedule', 'manual')),
        status text NOT NULL CHECK (status IN ('mailed', 'archived', 'failed')),
        recipients text[] NOT NULL,
        error text,
        pdf bytea,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT report_runs_once UNIQUE (schedule_id, period)
      );
      CREATE INDEX report_runs_created_idx ON report_runs (created_at DESC);
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE report_runs; DROP TABLE report_schedules;`);
  }
}
