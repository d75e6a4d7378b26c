import { Link, useLocation } from 'react-router-dom';
import { useSession } from '../api/get-session';
import { useSignOut } from '../api/sign-out';
import { loginHref, ROLE_LABELS } from '../session-rules';

/**
 * Who is signed in, in which role, and the way out. Folded behind the person's initial so that the
 * header keeps one line beside the navigation; the summary names the account and role for screen readers.
 */
export function UserMenu() {
  const session = useSession();
  const signOut = useSignOut();
  const location = useLocation();
  const user = session.data?.user;
  if (!user) return null;
  const role = ROLE_LABELS[user.role];
  return (
    // Keyed by the page, so that the menu is closed again after following its link or any other.
    <details key={location.pathname} className="user-menu" data-testid="user-menu">
      <summary className="user-menu-button" aria-label={`Account: ${user.email}, ${role}`} title={`${user.email} · ${role}`}>
        <span className="user-avatar" aria-hidden="true">
          {user.email.charAt(0).toUpperCase()}
        </span>
      </summary>
      <div className="user-menu-panel">
        <p className="user-email">{user.email}</p>
        <p className="user-role" data-testid="user-role">
          {role}
          {user.teams.length > 0 && ` · ${user.teams.map((team) => team.name).join(', ')}`}
        </p>
        <Link to={loginHref(`${location.pathname}${location.search}`, '/change-password')} className="user-menu-link">
          Change password
        </Link>
        <button
          type="button"
          className="button button-quiet"
          disabled={signOut.isPending}
          // No navigation here: with the session gone, the session guard shows the login page, keeping
          // the page for whoever signs in next.
          onClick={() => signOut.mutate()}
        >
          Sign out
        </button>
      </div>
    </details>
  );
}
