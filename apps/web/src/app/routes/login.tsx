import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { useSession } from '../../features/auth/api/get-session';
import { LoginForm } from '../../features/auth/components/login-form';
import { loginHref, safeReturnPath } from '../../features/auth/session-rules';

/** The door: `?returnTo=` is where the person was going when the dashboard asked them to sign in. */
export function LoginPage() {
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const session = useSession();
  const returnTo = safeReturnPath(searchParams.get('returnTo'));

  // Someone already signed in who opens /login (a bookmark, the Back button) goes straight on.
  if (session.data && !session.data.user.mustChangePassword) return <Navigate to={returnTo} replace />;

  return (
    <main id="main" className="auth-page">
      <title>Sign in · Escapement</title>
      <div className="auth-card card">
        <p className="brand">
          <span className="brand-mark" aria-hidden="true" />
          Escapement
        </p>
        <h1>Sign in</h1>
        <LoginForm onSignedIn={(mustChangePassword) => navigate(mustChangePassword ? loginHref(returnTo, '/change-password') : returnTo, { replace: true })} />
        <p className="muted small">
          First start? The server printed the first administrator&apos;s one-time password in its log (<code>admin@localhost</code> unless
          ESCAPEMENT_ADMIN_EMAIL says otherwise). Lost it? <code>npx escapement admin reset-password --email admin@localhost</code>.
        </p>
        <p className="muted small">
          No account yet? An administrator creates one in Settings, or with <code>npx escapement admin create-user</code>.
        </p>
      </div>
    </main>
  );
}
