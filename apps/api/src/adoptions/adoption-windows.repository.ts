import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AdoptionRecord } from './adoptions.repository';

/** What the adoption rules need to know of the findings around an adoption. */
@Injectable()
export class AdoptionWindowsRepository {
  /**
   * Whether any finding of the adopting team or service (counted or not) has its cohort day on or after
   * the start, before the retirement if there was one: once the after-window has data, the primary
   * analysis can no longer be chosen in ignorance of it. Reads the daily rollups.
   */
  async afterWindowHasFindings(manager: EntityManager, adoption: Pick<AdoptionRecord, 'teamId' | 'serviceId' | 'startedAt' | 'retiredAt'>): Promise<boolean> {
    const [row] = await manager.query(
      `SELECT EXISTS (
                SELECT 1 FROM finding_rollups r JOIN services s ON s.id = r.service_id
                 WHERE (r.service_id = $1::uuid OR s.team_id = $2::uuid)
                   AND r.cohort_day >= $3::date AND ($4::date IS NULL OR r.cohort_day < $4::date)
              ) AS found`,
      [adoption.serviceId, adoption.teamId, adoption.startedAt, adoption.retiredAt],
    );
    return row.found === true;
  }
}
