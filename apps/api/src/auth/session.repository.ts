import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Role } from '@escapement/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { newSecret, sha256 } from './secrets';

export interface SessionRow {
  id: string;
  user_id: string;
  email: string;
  role: Role;
  must_change_password: boolean;
  team_ids: string[];
  expires_at: Date;
  last_seen_at: Date;
}

/** How stale `last_seen_at` may get before a request refreshes it: one write a minute, not one per request. */
const TOUCH_AFTER_SECONDS = 60;

/** Server-side sessions: the cookie holds a random secret, the table only its SHA-256. */
@Injectable()
export class SessionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(runner: EntityManager | DataSource, userId: string, meta: { maxMs: number; ip: string | null; userAgent: string | null }): Promise<{ id: string; secret: string; expiresAt: Date }> {
    const secret = newSecret();
    const [row]: { id: string; expires_at: Date }[] = await runner.query(
      `INSERT INTO sessions (user_id, secret_sha256, expires_at, ip, user_agent)
       VALUES ($1, $2, now() + $3 * interval '1 millisecond', $4, $5)
       RETURNING id, expires_at`,
      [userId, sha256(secret), meta.maxMs, meta.ip, meta.userAgent?.slice(0, 500) ?? null],
    );
    return { id: row.id, secret, expiresAt: row.expires_at };
  }

  /** The live session with this secret: not past its absolute end, not idle too long, its user enabled. */
  async findLive(secret: string, idleMs: number): Promise<SessionRow | null> {
    const [row] = await this.dataSource.query(
      `SELECT s.id, s.user_id, u.email, u.role, u.must_change_password, s.expires_at, s.last_seen_at,
              coalesce(array_agg(ut.team_id) FILTER (WHERE ut.team_id IS NOT NULL), '{}') AS team_ids
         FROM sessions s
         JOIN users u ON u.id = s.user_id
         LEFT JOIN user_teams ut ON ut.user_id = u.id
        WHERE s.secret_sha256 = $1 AND s.expires_at > now() AND s.last_seen_at > now() - $2 * interval '1 millisecond'
          AND u.disabled_at IS NULL
        GROUP BY s.id, u.id`,
      [sha256(secret), idleMs],
    );
    return row ?? null;
  }

  async touch(id: string): Promise<void> {
    await this.dataSource.query(`UPDATE sessions SET last_seen_at = now() WHERE id = $1 AND last_seen_at < now() - $2 * interval '1 second'`, [id, TOUCH_AFTER_SECONDS]);
  }

  async remove(runner: EntityManager | DataSource, id: string): Promise<void> {
    await runner.query(`DELETE FROM sessions WHERE id = $1`, [id]);
  }

  /** Ends every session of a user (password change or reset, account disabled). */
  async removeAllOf(runner: EntityManager | DataSource, userId: string): Promise<void> {
    await runner.query(`DELETE FROM sessions WHERE user_id = $1`, [userId]);
  }

  /** Ended sessions are useless rows: cleared as people sign in. */
  async purgeEnded(runner: EntityManager | DataSource, idleMs: number): Promise<void> {
    await runner.query(`DELETE FROM sessions WHERE expires_at <= now() OR last_seen_at <= now() - $1 * interval '1 millisecond'`, [idleMs]);
  }
}
