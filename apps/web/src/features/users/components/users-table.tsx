import { type Role, ROLES, type TeamDto, type UserDto } from '@escapement/domain';
import { useId, useState } from 'react';
import { Badge } from '../../../components/ui/badge';
import { FormErrorSummary } from '../../../components/ui/form-field';
import { CreatedSecret } from '../../../components/ui/created-secret';
import { EnumSelect } from '../../../components/ui/enum-select';
import { apiFormErrors } from '../../../lib/form-errors';
import { formatDateTime, formatDay } from '../../../lib/format';
import { useResetPassword } from '../api/reset-password';
import { useUpdateUser } from '../api/update-user';
import { takesTeams, teamsProblem, userChanges } from '../user-form';
import { TeamChecklist } from './team-checklist';

interface UsersTableProps {
  users: readonly UserDto[];
  teams: readonly TeamDto[];
  roleLabels: Record<Role, string>;
  /** The signed-in administrator, who may not disable themselves from here. */
  currentUserId: string | null;
}

/** Accounts with their role and teams; each can be edited in place, disabled, or given a new one-time password. */
export function UsersTable({ users, teams, roleLabels, currentUserId }: UsersTableProps) {
  const [editing, setEditing] = useState<string | null>(null);
  const [reset, setReset] = useState<{ email: string; password: string } | null>(null);
  const update = useUpdateUser();
  const resetPassword = useResetPassword();
  const general = [
    ...(update.error && editing === null ? apiFormErrors(update.error, {}).general : []),
    ...(resetPassword.error ? [resetPassword.error.message] : []),
  ];
  const sorted = [...users].sort((a, b) => Number(a.disabled) - Number(b.disabled) || a.email.localeCompare(b.email));

  return (
    <>
      {reset && (
        <CreatedSecret
          label={`New one-time password for ${reset.email}`}
          testId="reset-password"
          value={reset.password}
          warning={`Give it to ${reset.email} by a private channel; they choose their own at next sign-in. It is not shown again.`}
          onDone={() => setReset(null)}
        />
      )}
      <FormErrorSummary messages={general} />
      <div className="table-scroll">
        <table className="plain-table" data-testid="users-table">
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Role and teams</th>
              <th scope="col">Status</th>
              <th scope="col">Last sign-in</th>
              <th scope="col">Created</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((user) => (
              <tr key={user.id} data-user-email={user.email}>
                <td>{user.email}</td>
                <td>
                  {editing === user.id ? (
                    <UserEditor
                      user={user}
                      teams={teams}
                      roleLabels={roleLabels}
                      pending={update.isPending}
                      error={update.error}
                      onCancel={() => {
                        update.reset();
                        setEditing(null);
                      }}
                      onSave={(changes) => update.mutate({ id: user.id, update: changes }, { onSuccess: () => setEditing(null) })}
                    />
                  ) : (
                    <>
                      {roleLabels[user.role]}
                      {user.teams.length > 0 && <span className="muted"> · {user.teams.map((team) => team.name).join(', ')}</span>}
                    </>
                  )}
                </td>
                <td>
                  {user.disabled ? (
                    <Badge tone="status-failed">Disabled</Badge>
                  ) : user.mustChangePassword ? (
                    <Badge tone="status-processing">Password to choose</Badge>
                  ) : (
                    <Badge tone="status-completed">Active</Badge>
                  )}
                </td>
                <td>{user.lastLoginAt ? formatDateTime(user.lastLoginAt) : <span className="muted">Never</span>}</td>
                <td>{formatDay(user.createdAt)}</td>
                <td>
                  {editing !== user.id && (
                    <span className="confirm">
                      <button
                        type="button"
                        className="button button-quiet"
                        onClick={() => {
                          update.reset();
                          setEditing(user.id);
                        }}
                      >
                        Edit<span className="visually-hidden"> {user.email}</span>
                      </button>
                      {user.id !== currentUserId && (
                        <button
                          type="button"
                          className="button button-quiet"
                          disabled={update.isPending}
                          onClick={() => update.mutate({ id: user.id, update: { disabled: !user.disabled } })}
                        >
                          {user.disabled ? 'Enable' : 'Disable'}
                          <span className="visually-hidden"> {user.email}</span>
                        </button>
                      )}
                      <button
                        type="button"
                        className="button button-quiet"
                        disabled={resetPassword.isPending || user.disabled}
                        onClick={() =>
                          resetPassword.mutate(user.id, { onSuccess: ({ oneTimePassword }) => setReset({ email: user.email, password: oneTimePassword }) })
                        }
                      >
                        Reset password<span className="visually-hidden"> of {user.email}</span>
                      </button>
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

interface UserEditorProps {
  user: UserDto;
  teams: readonly TeamDto[];
  roleLabels: Record<Role, string>;
  pending: boolean;
  error: Error | null;
  onCancel: () => void;
  onSave: (changes: { role?: Role; teamIds?: string[] }) => void;
}

function UserEditor({ user, teams, roleLabels, pending, error, onCancel, onSave }: UserEditorProps) {
  const id = useId();
  const [role, setRole] = useState<Role>(user.role);
  const [teamIds, setTeamIds] = useState<string[]>(user.teams.map((team) => team.id));
  const [problem, setProblem] = useState<string | null>(null);
  const api = apiFormErrors<'role' | 'teamIds'>(error, { '/role': { field: 'role', label: 'Role' }, '/teamIds': { field: 'teamIds', label: 'Teams' } });

  return (
    <div className="stacked-form" role="group" aria-label={`Edit ${user.email}`}>
      <div className="field">
        <label htmlFor={`${id}-role`}>Role</label>
        <EnumSelect
          id={`${id}-role`}
          values={ROLES}
          value={role}
          label={(value) => roleLabels[value]}
          onChange={(next) => {
            setRole(next);
            if (!takesTeams(next)) setTeamIds([]);
          }}
        />
      </div>
      {takesTeams(role) && (
        <TeamChecklist
          legend="Teams"
          teams={teams}
          selected={teamIds}
          onChange={setTeamIds}
          error={problem ?? api.fields.teamIds}
          errorId={`${id}-teams-error`}
        />
      )}
      <FormErrorSummary messages={[...(api.fields.role ? [api.fields.role] : []), ...api.general]} />
      <div className="form-actions">
        <button
          type="button"
          className="button"
          disabled={pending}
          onClick={() => {
            const teamsError = teamsProblem(role, teamIds);
            setProblem(teamsError);
            if (teamsError) return;
            const changes = userChanges({ role: user.role, teamIds: user.teams.map((team) => team.id) }, { role, teamIds });
            if (changes === null) onCancel();
            else onSave(changes);
          }}
        >
          {pending ? 'Saving…' : 'Save'}
        </button>
        <button type="button" className="button button-quiet" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
