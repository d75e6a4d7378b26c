import { useSession } from '../api/get-session';
import { useSignOut } from '../api/sign-out';
import { ROLE_LABELS } from '../session-rules';

/** Who is signed in, in which role, and the way out. */
export function UserMenu() {
  const session = useSession();
  const signOut = useSignOut();
  const user = session.data?.user;
  if (!user) return null;
  return (
    <div className="user-menu" data-testid="user-menu">
      <span className="user-identity">
        <span className="user-email">{user.email}</span>
        <span className="user-role" data-testid="user-role">
          {ROLE_LABELS[user.role]}
          {user.teams.length > 0 && ` · ${user.teams.map((team) => team.name).join(', ')}`}
        </span>
      </span>
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
  );
}
