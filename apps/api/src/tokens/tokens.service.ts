import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { TOKEN_SCOPES, type TokenScope } from '@escapement/domain';
import { DataSource } from 'typeorm';
import { AuditLog } from '../audit/audit-log.repository';
import { TeamsRepository } from '../teams/teams.repository';
import { isUniqueViolation } from '../common/database-errors';
import { DomainError, invalid, notFound } from '../common/domain-error';
import { sha256 } from '../auth/secrets';
import { mapToken, type CreatedTokenResponse, type TokenResponse } from './token.dto';
import { defaultTokenExpiry } from './token-expiry';
import { TokenRepository } from './token.repository';
import { newToken } from './token-secret';

export interface NewToken {
  name: string;
  scopes: TokenScope[];
  teamId?: string | null;
  /** Undefined: the default lifetime; null: never expires. */
  expiresAt?: Date | null;
}

/** Creating, listing and revoking machine tokens, for the API and the CLI alike; every change audited. */
@Injectable()
export class TokensService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tokens: TokenRepository,
    private readonly audit: AuditLog,
    private readonly teams: TeamsRepository,
  ) {}

  async create(request: NewToken, actor: string): Promise<CreatedTokenResponse> {
    const scopes = [...new Set(request.scopes)];
    const unknown = scopes.filter((s) => !(TOKEN_SCOPES as readonly string[]).includes(s));
    if (!scopes.length || unknown.length) throw invalid(`Scopes must be some of ${TOKEN_SCOPES.join(', ')}`, [{ pointer: '/scopes', message: unknown.length ? `unknown: ${unknown.join(', ')}` : 'empty' }]);
    const teamId = request.teamId ?? null;
    if (teamId && scopes.includes('admin')) throw invalid('An admin token is organisation-wide: it cannot be limited to a team', [{ pointer: '/teamId', message: 'not allowed with the admin scope' }]);
    const expiresAt = request.expiresAt === undefined ? defaultTokenExpiry() : request.expiresAt;
    if (expiresAt && expiresAt.getTime() <= Date.now()) throw invalid('The expiry must be in the future', [{ pointer: '/expiresAt', message: 'is in the past' }]);
    const name = request.name.trim();
    const token = newToken();
    try {
      const id = await this.dataSource.transaction(async (manager) => {
        if (teamId && !(await this.teams.exists(teamId, manager))) {
          throw invalid(`Team ${teamId} does not exist`, [{ pointer: '/teamId', message: 'no such team' }]);
        }
        const id = await this.tokens.insert(manager, { name, prefix: token.prefix, secretSha256: sha256(token.secret), scopes, teamId, expiresAt, createdBy: actor });
        await this.audit.record(manager, {
          actor,
          action: 'token.created',
          subjectType: 'api_token',
          subjectId: id,
          details: { name, prefix: token.prefix, scopes, teamId, expiresAt: expiresAt?.toISOString() ?? null },
        });
        return id;
      });
      return { token: mapToken((await this.tokens.find(this.dataSource, id))!), secret: token.value };
    } catch (error) {
      if (isUniqueViolation(error)) throw new DomainError('conflict', `A live token named "${name}" already exists; revoke it or choose another name`, [{ pointer: '/name', message: 'already in use' }]);
      throw error;
    }
  }

  async list(): Promise<TokenResponse[]> {
    return (await this.tokens.list()).map((row) => mapToken(row));
  }

  /** Revoking twice is harmless; only the first revocation is recorded. */
  async revoke(id: string, actor: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const row = await this.tokens.find(manager, id);
      if (!row) throw notFound('Token', id);
      if (await this.tokens.revoke(manager, id, actor)) {
        await this.audit.record(manager, { actor, action: 'token.revoked', subjectType: 'api_token', subjectId: id, details: { name: row.name, prefix: row.prefix } });
      }
    });
  }
}
