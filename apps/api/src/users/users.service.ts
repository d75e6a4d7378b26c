import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Role } from '@escapement/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditLog } from '../audit/audit-log.repository';
import { hashPassword, oneTimePassword } from '../auth/passwords';
import { SessionRepository } from '../auth/session.repository';
import { isUniqueViolation } from '../common/database-errors';
import { DomainError, invalid, notFound } from '../common/domain-error';
import { checkTeamsForRole } from './team-rule';
import { EMAIL, mapUser, normaliseEmail, type CreatedUserResponse, type UserResponse } from './user.dto';
import { UserRepository } from './user.repository';

export interface NewUser {
  email: string;
  role: Role;
  teamIds?: string[];
}

export interface UserChange {
  role?: Role;
  teamIds?: string[];
  disabled?: boolean;
}

/** People's accounts, for the API and the CLI alike. Every change is audited in its own transaction. */
@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly audit: AuditLog,
  ) {}

  async list(): Promise<UserResponse[]> {
    return (await this.users.list()).map(mapUser);
  }

  /** A new account with a one-time password, which the person must replace at first login. */
  async create(request: NewUser, actor: string): Promise<CreatedUserResponse> {
    const email = normaliseEmail(request.email);
    if (!EMAIL.test(email) || email.length > 320) throw invalid(`"${request.email}" is not an email address`, [{ pointer: '/email', message: 'not an email address' }]);
    const teamIds = request.teamIds ?? [];
    checkTeamsForRole(request.role, teamIds);
    const password = oneTimePassword();
    const passwordHash = await hashPassword(password);
    try {
      const id = await this.dataSource.transaction(async (manager) => {
        await this.requireTeams(manager, teamIds);
        const id = await this.users.insert(manager, { email, role: request.role, passwordHash, createdBy: actor });
        await this.users.setTeams(manager, id, teamIds);
        await this.audit.record(manager, { actor, action: 'user.created', subjectType: 'user', subjectId: id, details: { email, role: request.role, teamIds } });
        return id;
      });
      return { user: mapUser((await this.users.find(this.dataSource, id))!), oneTimePassword: password };
    } catch (error) {
      if (isUniqueViolation(error)) throw new DomainError('conflict', `A user with the email ${email} already exists`, [{ pointer: '/email', message: 'already exists' }]);
      throw error;
    }
  }

  /** Role, teams and enabled state; the last enabled administrator can be neither demoted nor disabled. */
  async update(id: string, change: UserChange, actor: string): Promise<UserResponse> {
    await this.dataSource.transaction(async (manager) => {
      await this.users.lock(manager, id);
      const before = await this.users.find(manager, id);
      if (!before) throw notFound('User', id);
      const role = change.role ?? before.role;
      const teamIds = change.teamIds ?? (change.role && change.role !== before.role && (role === 'admin' || role === 'security_lead') ? [] : before.teams.map((t) => t.id));
      checkTeamsForRole(role, teamIds);
      await this.requireTeams(manager, teamIds);
      const losesAdmin = before.role === 'admin' && before.disabled_at === null && (role !== 'admin' || change.disabled === true);
      if (losesAdmin && (await this.users.otherActiveAdmins(manager, id)) === 0) {
        throw new DomainError('conflict', 'This is the last enabled administrator: make someone else an administrator first');
      }
      const subject = { subjectType: 'user', subjectId: id } as const;
      if (role !== before.role) {
        await this.users.setRole(manager, id, role);
        await this.audit.record(manager, { actor, action: 'user.role_changed', ...subject, details: { email: before.email, from: before.role, to: role } });
      }
      const teamsBefore = before.teams.map((t) => t.id).sort();
      if (JSON.stringify(teamsBefore) !== JSON.stringify([...teamIds].sort())) {
        await this.users.setTeams(manager, id, teamIds);
        await this.audit.record(manager, { actor, action: 'user.teams_changed', ...subject, details: { email: before.email, from: teamsBefore, to: [...teamIds].sort() } });
      }
      if (change.disabled !== undefined && change.disabled !== (before.disabled_at !== null)) {
        await this.users.setDisabled(manager, id, change.disabled);
        if (change.disabled) await this.sessions.removeAllOf(manager, id);
        await this.audit.record(manager, { actor, action: change.disabled ? 'user.disabled' : 'user.enabled', ...subject, details: { email: before.email } });
      }
    });
    return mapUser((await this.users.find(this.dataSource, id))!);
  }

  /** A new one-time password for someone who lost theirs; their sessions end. */
  async resetPassword(id: string, actor: string): Promise<{ oneTimePassword: string }> {
    const password = oneTimePassword();
    const passwordHash = await hashPassword(password);
    await this.dataSource.transaction(async (manager) => {
      const user = await this.users.find(manager, id);
      if (!user) throw notFound('User', id);
      await this.users.setPassword(manager, id, passwordHash, true);
      await this.sessions.removeAllOf(manager, id);
      await this.audit.record(manager, { actor, action: 'user.password_reset', subjectType: 'user', subjectId: id, details: { email: user.email } });
    });
    return { oneTimePassword: password };
  }

  async findByEmail(email: string): Promise<UserResponse | null> {
    const row = await this.users.findByEmail(this.dataSource, normaliseEmail(email));
    return row ? mapUser(row) : null;
  }

  /**
   * The administrator of a database that has no user yet, with a one-time password to print once.
   * Null when there are users already (every later start). Safe when several processes start at once.
   */
  async createFirstAdmin(email: string): Promise<{ email: string; oneTimePassword: string } | null> {
    const password = oneTimePassword();
    const passwordHash = await hashPassword(password);
    return this.dataSource.transaction(async (manager: EntityManager) => {
      await this.users.lockFirstAdmin(manager);
      if (!(await this.users.isEmpty(manager))) return null;
      const address = normaliseEmail(email);
      const id = await this.users.insert(manager, { email: address, role: 'admin', passwordHash, createdBy: 'first start' });
      await this.audit.record(manager, { actor: 'system', action: 'user.created', subjectType: 'user', subjectId: id, details: { email: address, role: 'admin', teamIds: [], firstAdministrator: true } });
      return { email: address, oneTimePassword: password };
    });
  }

  private async requireTeams(manager: EntityManager, teamIds: readonly string[]): Promise<void> {
    const missing = await this.users.missingTeams(manager, teamIds);
    if (missing.length) throw invalid(`No such team: ${missing.join(', ')}`, [{ pointer: '/teamIds', message: `no such team: ${missing.join(', ')}` }]);
  }
}
