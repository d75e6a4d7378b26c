import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { TokenScope } from '@escapement/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { modifyReturning } from '../common/sql';

export interface TokenRow {
  id: string;
  name: string;
  prefix: string;
  scopes: TokenScope[];
  team_id: string | null;
  team_name: string | null;
  created_by: string | null;
  created_at: Date;
  expires_at: Date | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
  revoked_by: string | null;
}

export interface LiveToken {
  id: string;
  name: string;
  scopes: TokenScope[];
  team_id: string | null;
  secret_sha256: Buffer;
}

const SELECT_TOKEN = `
  SELECT k.id, k.name, k.prefix, k.scopes, k.team_id, t.name AS team_name, k.created_by, k.created_at, k.expires_at,
         k.last_used_at, k.revoked_at, k.revoked_by
    FROM api_tokens k LEFT JOIN teams t ON t.id = k.team_id`;

/** Machine tokens: only a hash of the secret is kept; the prefix finds the row. */
@Injectable()
export class TokenRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(
    manager: EntityManager,
    token: { name: string; prefix: string; secretSha256: Buffer; scopes: TokenScope[]; teamId: string | null; expiresAt: Date | null; createdBy: string },
  ): Promise<string> {
    const [row]: { id: string }[] = await manager.query(
      `INSERT INTO api_tokens (name, prefix, secret_sha256, scopes, team_id, expires_at, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [token.name, token.prefix, token.secretSha256, token.scopes, token.teamId, token.expiresAt, token.createdBy],
    );
    return row.id;
  }

  async find(runner: EntityManager | DataSource, id: string): Promise<TokenRow | null> {
    const [row] = await runner.query(`${SELECT_TOKEN} WHERE k.id = $1`, [id]);
    return row ?? null;
  }

  list(): Promise<TokenRow[]> {
    return this.dataSource.query(`${SELECT_TOKEN} ORDER BY k.revoked_at IS NOT NULL, k.created_at DESC, k.id`);
  }

  /** A token that can be used now: not revoked, not expired. */
  async findLiveByPrefix(prefix: string): Promise<LiveToken | null> {
    const [row] = await this.dataSource.query(
      `SELECT id, name, scopes, team_id, secret_sha256 FROM api_tokens
        WHERE prefix = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())`,
      [prefix],
    );
    return row ?? null;
  }

  /** Last use to the minute: enough to spot a dormant token, without a write on every request. */
  async touch(id: string): Promise<void> {
    await this.dataSource.query(`UPDATE api_tokens SET last_used_at = now() WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`, [id]);
  }

  /** Revokes a live token; false when it was already revoked. */
  async revoke(manager: EntityManager, id: string, by: string): Promise<boolean> {
    const rows = await modifyReturning<{ id: string }>(manager, `UPDATE api_tokens SET revoked_at = now(), revoked_by = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING id`, [id, by]);
    return rows.length > 0;
  }
}
