import type { Role, TeamDto } from '@escapement/domain';
import { useId } from 'react';
import { QueryContent } from '../../../components/ui/query-content';
import { useUsers } from '../api/get-users';
import { UserForm } from './user-form';
import { UsersTable } from './users-table';

interface UsersPanelProps {
  teams: readonly TeamDto[];
  roleLabels: Record<Role, string>;
  currentUserId: string | null;
}

/** People's accounts: who may sign in, in which role, limited to which teams. */
export function UsersPanel({ teams, roleLabels, currentUserId }: UsersPanelProps) {
  const listTitle = useId();
  const formTitle = useId();
  const users = useUsers();
  return (
    <div className="settings-grid">
      <section className="card" aria-labelledby={listTitle}>
        <h2 id={listTitle}>Users</h2>
        <p className="muted small">Accounts are disabled, not deleted, so the audit log keeps naming real people.</p>
        <QueryContent query={users} what="the users" empty={{ title: 'No users' }}>
          {(items) => <UsersTable users={items} teams={teams} roleLabels={roleLabels} currentUserId={currentUserId} />}
        </QueryContent>
      </section>
      <section className="card" aria-labelledby={formTitle}>
        <h2 id={formTitle}>New user</h2>
        <UserForm teams={teams} existingEmails={(users.data ?? []).map((user) => user.email)} roleLabels={roleLabels} />
      </section>
    </div>
  );
}
