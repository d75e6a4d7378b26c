import { Injectable } from '@nestjs/common';
import type { CohortCount, CohortDating, DetectionStage, PrimaryFindingClass, SurvivalObservation } from '@escapement/domain';
import { ReadDatabase } from '../database/read-database.repository';

export interface AdoptionRow {
  id: string;
  team_id: string | null;
  team_name: string | null;
  service_id: string | null;
  service_name: string | null;
  practice: string;
  started_at: string;
  /** YYYY-MM-DD: the after-window ends here when the practice was retired. */
  retired_at: string | null;
  /** The primary analysis fixed when the adoption was recorded. */
  primary_finding_class: PrimaryFindingClass;
  primary_boundary: DetectionStage;
  primary_horizon_rule: string;
  primary_mid: number;
}

export interface ArmCountRow {
  arm: 'treated' | 'control';
  finding_class: string;
  window: 'before' | 'after';
  total: number;
  escaped: number;
}

const DAY = 86_400_000;

/** The data behind an adoption's before/after comparison, as readable SQL. */
@Injectable()
export class AdoptionImpactRepository {
  /** Dashboard reads: served by the read replica when one is configured. */
  constructor(private readonly reads: ReadDatabase) {}

  async adoption(id: string): Promise<AdoptionRow | null> {
    const [row] = await this.reads.query(`${SELECT_ADOPTION} WHERE a.id = $1`, [id]);
    return row ?? null;
  }

  /** The earliest adoption of a team or service, when the caller names those instead of an adoption. */
  async firstAdoptionOf(subject: { team?: string; service?: string }): Promise<AdoptionRow | null> {
    const [row] = await this.reads.query(
      `${SELECT_ADOPTION} WHERE ($1::uuid IS NOT NULL AND a.team_id = $1::uuid) OR ($2::uuid IS NOT NULL AND a.service_id = $2::uuid)
        ORDER BY a.started_at LIMIT 1`,
      [subject.team ?? null, subject.service ?? null],
    );
    return row ?? null;
  }

  /** Services the adoption covers: the team's services, or the one service. */
  async treatedServices(adoption: AdoptionRow): Promise<string[]> {
    if (adoption.service_id) return [adoption.service_id];
    const rows: { id: string }[] = await this.reads.query(`SELECT id FROM services WHERE team_id = $1`, [adoption.team_id]);
    return rows.map((r) => r.id);
  }

  /**
   * The comparison group: services of other teams with no adoption of any practice before the end of
   * the after window (so their trend is the organisation's trend without the practice).
   */
  async controlServices(adoption: AdoptionRow, treated: string[], windowEnd: Date, teams: readonly string[] | null): Promise<string[]> {
    const rows: { id: string }[] = await this.reads.query(
      `SELECT s.id FROM services s
        WHERE s.team_id IS NOT NULL AND NOT (s.id = ANY($1::uuid[]))
          AND ($4::uuid[] IS NULL OR s.team_id = ANY($4::uuid[]))
          AND ($2::uuid IS NULL OR s.team_id <> $2::uuid)
          AND NOT EXISTS (SELECT 1 FROM adoptions a WHERE (a.team_id = s.team_id OR a.service_id = s.id) AND a.started_at < $3::date)`,
      [treated, adoption.team_id, windowEnd.toISOString().slice(0, 10), teams],
    );
    return rows.map((r) => r.id);
  }

  async teamOfService(serviceId: string): Promise<string | null> {
    const [row] = await this.reads.query(`SELECT team_id FROM services WHERE id = $1`, [serviceId]);
    return row?.team_id ?? null;
  }

  /** Counts per arm, class and window, from the daily rollups; a finding is in the window of its cohort day. */
  async countArms(treated: string[], control: string[], start: Date, windowDays: number, boundary: DetectionStage): Promise<ArmCountRow[]> {
    const rows: (Omit<ArmCountRow, 'total' | 'escaped'> & { total: string; escaped: string })[] = await this.reads.query(
      `SELECT CASE WHEN r.service_id = ANY($1::uuid[]) THEN 'treated' ELSE 'control' END AS arm,
              r.finding_class::text AS finding_class,
              CASE WHEN r.cohort_day < $3::date THEN 'before' ELSE 'after' END AS window,
              sum(r.n) AS total,
              coalesce(sum(r.n) FILTER (WHERE r.first_detected_stage >= $5::detection_stage), 0) AS escaped
         FROM finding_rollups r
        WHERE r.counted
          AND (r.service_id = ANY($1::uuid[]) OR r.service_id = ANY($2::uuid[]))
          AND r.cohort_day >= $3::date - $4::int AND r.cohort_day < $3::date + $4::int
        GROUP BY 1, 2, 3`,
      [treated, control, start.toISOString().slice(0, 10), windowDays, boundary],
    );
    return rows.map((r) => ({ ...r, total: Number(r.total), escaped: Number(r.escaped) }));
  }

  /** Adoptions visible to the caller (all when `teams` is null), optionally of one practice. */
  async adoptions(teams: readonly string[] | null, practice?: string): Promise<AdoptionRow[]> {
    return this.reads.query(
      `${SELECT_ADOPTION}
        WHERE ($1::uuid[] IS NULL OR a.team_id = ANY($1::uuid[]) OR s.team_id = ANY($1::uuid[]))
          AND ($2::text IS NULL OR a.practice = $2)
        ORDER BY a.started_at, a.id`,
      [teams, practice ?? null],
    );
  }

  /** The services each adoption covers: its team's services, or its one service. */
  async adoptionServices(adoptionIds: string[]): Promise<{ adoption_id: string; service_id: string }[]> {
    return this.reads.query(
      `SELECT a.id AS adoption_id, s.id AS service_id
         FROM adoptions a JOIN services s ON s.team_id = a.team_id OR s.id = a.service_id
        WHERE a.id = ANY($1::uuid[])`,
      [adoptionIds],
    );
  }

  /** How many services there are: when a verdict uses every one, its reads need no list of services. */
  async serviceCount(): Promise<number> {
    const [row] = await this.reads.query(`SELECT count(*)::int AS n FROM services`);
    return row.n;
  }

  /** Services a verdict may use: those of a team (of the caller's teams, when limited). */
  async servicesInScope(teams: readonly string[] | null): Promise<string[]> {
    const rows: { id: string }[] = await this.reads.query(
      `SELECT id FROM services WHERE team_id IS NOT NULL AND ($1::uuid[] IS NULL OR team_id = ANY($1::uuid[]))`,
      [teams],
    );
    return rows.map((r) => r.id);
  }

  /** Each service's data version (absent: no finding written since versions were kept), for the verdict cache. */
  async verdictDataVersions(serviceIds: string[]): Promise<{ service_id: string; version: string }[]> {
    return this.reads.query(`SELECT service_id, version::text AS version FROM verdict_data_versions WHERE service_id = ANY($1::uuid[]) ORDER BY service_id`, [serviceIds]);
  }

  /**
   * The follow-up horizon's survival data, grouped by time and event (all Kaplan–Meier needs): counted findings
   * with a real introduction date up to today, an escape at its delay, else censored at today − introduction.
   * Equal to `horizonObservations` over the findings, read from the rollup triggers keep equal to grouping the
   * findings (VerdictRollups1765710000100).
   */
  async horizonObservations(serviceIds: string[] | null, boundary: DetectionStage, today: string): Promise<SurvivalObservation[]> {
    const rows: { time: number; event: boolean; count: number }[] = await this.reads.query(
      `SELECT CASE WHEN o.escaped THEN greatest(0, o.detected_day - o.cohort_day) ELSE $3::date - o.cohort_day END AS time,
              o.escaped AS event, sum(o.n)::int AS count
         FROM (SELECT r.cohort_day, r.detected_day, r.n, r.first_detected_stage >= $2::detection_stage AND r.detected_day <= $3::date AS escaped
                 FROM verdict_rollups r
                WHERE ($1::uuid[] IS NULL OR r.service_id = ANY($1::uuid[])) AND NOT r.fallback AND r.cohort_day <= $3::date) o
        GROUP BY 1, 2`,
      [serviceIds, boundary, today],
    );
    return rows;
  }

  /**
   * Cohort counts within the horizon, per service, class and cohort day: `countCohorts` over the findings,
   * grouped by the database. Dated by introduction (else first detection), a finding counts when first detected
   * at most `horizonDays` after; dated by first detection (the sensitivity analysis) every finding counts and
   * every one is a fallback.
   */
  async cohortCounts(serviceIds: string[] | null, boundary: DetectionStage, horizonDays: number | null, dating: CohortDating): Promise<CohortCount[]> {
    const byIntroduction = dating === 'introduction';
    // One row per service and class, its days packed as "day-number total escaped fallback" cells: tens of
    // thousands of rows decode slower than a few hundred strings.
    const groups: { service_id: string; finding_class: string; cells: string }[] = await this.reads.query(
      `SELECT c.service_id, c.finding_class::text AS finding_class,
              string_agg((c.day - DATE '1970-01-01') || ' ' || c.total || ' ' || c.escaped || ' ' || c.fallback, ',') AS cells
         FROM (SELECT r.service_id, r.finding_class, ${byIntroduction ? 'r.cohort_day' : 'r.detected_day'} AS day, sum(r.n) AS total,
                      coalesce(sum(r.n) FILTER (WHERE r.first_detected_stage >= $2::detection_stage), 0) AS escaped,
                      ${byIntroduction ? 'coalesce(sum(r.n) FILTER (WHERE r.fallback), 0)' : 'sum(r.n)'} AS fallback
                 FROM verdict_rollups r
                WHERE ($1::uuid[] IS NULL OR r.service_id = ANY($1::uuid[])) AND ($3::int IS NULL OR r.detected_day - r.cohort_day <= $3::int)
                GROUP BY 1, 2, 3) c
        GROUP BY c.service_id, c.finding_class`,
      [serviceIds, boundary, byIntroduction ? horizonDays : null],
    );
    const days = new Map<number, string>();
    const day = (n: number) => {
      let iso = days.get(n);
      if (iso === undefined) days.set(n, (iso = new Date(n * DAY).toISOString().slice(0, 10)));
      return iso;
    };
    const counts: CohortCount[] = [];
    for (const g of groups) {
      for (const cell of g.cells.split(',')) {
        const [cohort, total, escaped, fallback] = cell.split(' ').map(Number);
        counts.push({ unit: g.service_id, findingClass: g.finding_class, cohortDate: day(cohort), total, escaped, fallback });
      }
    }
    return counts;
  }

  /** Earliest cohort day of the adopters' findings: the before window cannot start earlier. */
  async firstCohort(serviceIds: string[]): Promise<Date | null> {
    const [row] = await this.reads.query(`SELECT min(cohort_day)::text AS first FROM finding_rollups WHERE service_id = ANY($1::uuid[])`, [serviceIds]);
    return row?.first ? new Date(`${row.first}T00:00:00Z`) : null;
  }
}

const SELECT_ADOPTION = `
  SELECT a.id, a.team_id, t.name AS team_name, a.service_id, s.name AS service_name, a.practice, to_char(a.started_at, 'YYYY-MM-DD') AS started_at,
         to_char(a.retired_at, 'YYYY-MM-DD') AS retired_at, a.primary_finding_class, a.primary_boundary, a.primary_horizon_rule,
         a.primary_mid::float8 AS primary_mid
    FROM adoptions a LEFT JOIN teams t ON t.id = a.team_id LEFT JOIN services s ON s.id = a.service_id`;
