import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Role, TeamRefDto } from '@escapement/domain';
import { DataSource, type EntityManager } from 'typeorm';

export interface UserRow {
  id: string;
  email: string;
  role: Role;
  must_change_password: boolean;
  disabled_at: Date | null;
  last_login_at: Date | null;
  created_at: Date;
  teams: TeamRefDto[];
}

export interface LoginRow {
  id: string;
  email: string;
  password_hash: string | null;
  disabled_at: Date | null;
}

type Runner = EntityManager | DataSource;

/** Any fixed number: it names the lock that lets only one process create the first administrator. */
const FIRST_ADMIN_LOCK = 7_401_220_002;

const SELECT_USER = `
  SELECT u.id, u.email, u.role, u.must_change_password, u.disabled_at, u.last_login_at, u.created_at,
         coalesce((SELECT json_agg(json_build_object('id', t.id, 'name', t.name) ORDER BY t.name)
                     FROM user_teams ut JOIN teams t ON t.id = ut.team_id WHERE ut.user_id = u.id), '[]') AS teams
    FROM users u`;

/** People's accounts and their teams. Password hashes leave this file only for checking a login. */
@Injectable()
export class UserRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async find(runner: Runner, id: string): Promise<UserRow | null> {
    const [row] = await runner.query(`${SELECT_USER} WHERE u.id = $1`, [id]);
    return row ?? null;
  }

  async findByEmail(runner: Runner, email: string): Promise<UserRow | null> {
    const [row] = await runner.query(`${SELECT_USER} WHERE u.email = $1`, [email]);
    return row ?? null;
  }

  list(): Promise<UserRow[]> {
    return this.dataSource.query(`${SELECT_USER} ORDER BY u.email`);
  }

  async forLogin(email: string): Promise<LoginRow | null> {
    const [row] = await this.dataSource.query(`SELECT id, email, password_hash, disabled_at FROM users WHERE email = $1`, [email]);
    return row ?? null;
  }

  async passwordHash(runner: Runner, id: string): Promise<string | null> {
    const [row] = await runner.query(`SELECT password_hash FROM users WHERE id = $1`, [id]);
    return row?.password_hash ?? null;
  }

  async insert(manager: EntityManager, user: { email: string; role: Role; passwordHash: string; createdBy: string }): Promise<string> {
    const [row]: { id: string }[] = await manager.query(
      `INSERT INTO users (email, role, password_hash, must_change_password, created_by) VALUES ($1, $2, $3, true, $4) RETURNING id`,
      [user.email, user.role, user.passwordHash, user.createdBy],
    );
    return row.id;
  }

  async setTeams(manager: EntityManager, userId: string, teamIds: readonly string[]): Promise<void> {
    await manager.query(`DELETE FROM user_teams WHERE user_id = $1`, [userId]);
    if (teamIds.length) await manager.query(`INSERT INTO user_teams (user_id, team_id) SELECT $1, unnest($2::uuid[])`, [userId, teamIds]);
  }

  async setRole(manager: EntityManager, id: string, role: Role): Promise<void> {
    await manager.query(`UPDATE users SET role = $2, updated_at = now() WHERE id = $1`, [id, role]);
  }

  async setDisabled(manager: EntityManager, id: string, disabled: boolean): Promise<void> {
    await manager.query(`UPDATE users SET disabled_at = CASE WHEN $2 THEN coalesce(disabled_at, now()) END, updated_at = now() WHERE id = $1`, [id, disabled]);
  }

  /** A new password; `mustChange` when an administrator set it (a one-time password). */
  async setPassword(runner: Runner, id: string, passwordHash: string, mustChange: boolean): Promise<void> {
    await runner.query(
      `UPDATE users SET password_hash = $2, must_change_password = $3, password_changed_at = now(), updated_at = now() WHERE id = $1`,
      [id, passwordHash, mustChange],
    );
  }

  async recordLogin(id: string): Promise<void> {
    await this.dataSource.query(`UPDATE users SET last_login_at = now() WHERE id = $1`, [id]);
  }

  /** Enabled administrators other than `exceptId`: the last one can be neither demoted nor disabled. */
  async otherActiveAdmins(manager: EntityManager, exceptId: string): Promise<number> {
    const [row] = await manager.query(`SELECT count(*)::int AS n FROM users WHERE role = 'admin' AND disabled_at IS NULL AND id <> $1`, [exceptId]);
    return row.n;
  }

  async missingTeams(runner: Runner, teamIds: readonly string[]): Promise<string[]> {
    if (!teamIds.length) return [];
    const rows: { id: string }[] = await runner.query(`SELECT w.id FROM unnest($1::uuid[]) AS w(id) WHERE NOT EXISTS (SELECT 1 FROM teams t WHERE t.id = w.id)`, [teamIds]);
    return rows.map((r) => r.id);
  }

  async isEmpty(manager: EntityManager): Promise<boolean> {
    const [row] = await manager.query(`SELECT NOT EXISTS (SELECT 1 FROM users) AS empty`);
    return row.empty;
  }

  /** Locks the user's row until the transaction ends, so concurrent changes to users see each other. */
  async lock(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`SELECT 1 FROM users WHERE id = $1 FOR UPDATE`, [id]);
  }

  /** Until the transaction ends, no other process can be creating the first administrator. */
  async lockFirstAdmin(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock($1)`, [FIRST_ADMIN_LOCK]);
  }
}
