import { Link, useSearchParams } from 'react-router-dom';
import { AuditPanel } from '../../features/audit/components/audit-panel';
import { parseActionFilter } from '../../features/audit/audit-filter';
import { useSession } from '../../features/auth/api/get-session';
import { can, ROLE_LABELS } from '../../features/auth/session-rules';
import { ReportSchedulesPanel } from '../../features/report-schedules/components/report-schedules-panel';
import { RulesPanel } from '../../features/classification-rules/components/rules-panel';
import { useTeams } from '../../features/organisation/api/get-teams';
import { TokensPanel } from '../../features/tokens/components/tokens-panel';
import { UsersPanel } from '../../features/users/components/users-panel';

const TABS = [
  { id: 'tokens', label: 'API tokens' },
  { id: 'rules', label: 'Classification rules' },
  { id: 'users', label: 'Users' },
  { id: 'reports', label: 'Scheduled reports' },
  { id: 'audit', label: 'Audit log' },
] as const;

type Tab = (typeof TABS)[number]['id'];

function parseTab(value: string | null): Tab {
  return TABS.find((tab) => tab.id === value)?.id ?? 'tokens';
}

/** Administration: tokens, rules, people and the audit log; the section and the log's filter are in the URL. */
export function SettingsPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const teams = useTeams();
  const user = useSession().data?.user;
  const tab = parseTab(searchParams.get('tab'));

  if (!can(user?.role, 'administer')) {
    return (
      <>
        <title>Settings · Escapement</title>
        <div className="page-header">
          <h1>Settings</h1>
          <p className="muted">Only administrators manage tokens, rules, users, scheduled reports and the audit log.</p>
        </div>
      </>
    );
  }

  return (
    <>
      <title>Settings · Escapement</title>
      <div className="page-header">
        <h1>Settings</h1>
        <p className="muted">Who and what may use Escapement, how findings are classified, and what happened.</p>
      </div>
      <nav aria-label="Settings sections">
        <ul className="settings-tabs">
          {TABS.map((item) => (
            <li key={item.id}>
              <Link to={`?tab=${item.id}`} aria-current={item.id === tab ? 'page' : undefined}>
                {item.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {tab === 'tokens' && <TokensPanel teams={teams.data ?? []} />}
      {tab === 'rules' && <RulesPanel />}
      {tab === 'reports' && <ReportSchedulesPanel teams={teams.data ?? []} />}
      {tab === 'users' && <UsersPanel teams={teams.data ?? []} roleLabels={ROLE_LABELS} currentUserId={user?.id ?? null} />}
      {tab === 'audit' && (
        <AuditPanel
          action={parseActionFilter(searchParams.get('action'))}
          onActionChange={(action) =>
            setSearchParams((current) => {
              const next = new URLSearchParams(current);
              if (action) next.set('action', action);
              else next.delete('action');
              return next;
            })
          }
        />
      )}
    </>
  );
}
