import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { useSession } from '../../features/auth/api/get-session';
import { ChangePasswordForm } from '../../features/auth/components/change-password-form';
import { loginHref, safeReturnPath } from '../../features/auth/session-rules';

/**
 * The password change. A person on a one-time password lands here and can do nothing else until it
 * is replaced; anyone signed in may come here to change theirs.
 */
export function ChangePasswordPage() {
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const session = useSession();
  const returnTo = safeReturnPath(searchParams.get('returnTo'));

  if (session.isPending) return null;
  if (!session.data) return <Navigate to={loginHref(returnTo)} replace />;
  const forced = session.data.user.mustChangePassword;

  return (
    <main id="main" className="auth-page">
      <title>Change password · Escapement</title>
      <div className="auth-card card">
        <h1>{forced ? 'Choose your own password' : 'Change your password'}</h1>
        <p className="muted">
          {forced
            ? 'You signed in with a one-time password. Replace it to continue; it stops working once you have.'
            : 'Every other session of yours ends when the password changes.'}
        </p>
        <ChangePasswordForm email={session.data.user.email} onChanged={() => navigate(returnTo, { replace: true })} />
      </div>
    </main>
  );
}
