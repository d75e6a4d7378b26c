import { useRef, useState } from 'react';
import { FormErrorSummary, FormField } from '../../../components/ui/form-field';
import { ApiError } from '../../../lib/api-client';
import { focusFirstInvalid } from '../../../lib/form-errors';
import { useSignIn } from '../api/sign-in';

type Field = 'email' | 'password';

function refusal(error: unknown): string | null {
  if (error === null) return null;
  if (error instanceof ApiError && error.status === 429) return `${error.message} Wait a moment before trying again.`;
  return error instanceof Error ? error.message : 'Could not sign in.';
}

/** Email and password. The API gives one answer for every wrong combination, so the form does too. */
export function LoginForm({ onSignedIn }: { onSignedIn: (mustChangePassword: boolean) => void }) {
  const form = useRef<HTMLFormElement>(null);
  const passwordInput = useRef<HTMLInputElement>(null);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<Partial<Record<Field, string>>>({});
  const signIn = useSignIn();
  const general = refusal(signIn.error);

  return (
    <form
      ref={form}
      className="auth-form"
      aria-label="Sign in"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const next: Partial<Record<Field, string>> = {};
        if (email.trim() === '') next.email = 'Enter your email address.';
        if (password === '') next.password = 'Enter your password.';
        setMissing(next);
        if (next.email || next.password) {
          requestAnimationFrame(() => focusFirstInvalid(form.current));
          return;
        }
        signIn.mutate(
          { email: email.trim(), password },
          {
            onSuccess: (session) => onSignedIn(session.user.mustChangePassword),
            onError: () => {
              // Back on the password, emptied, for the next try.
              setPassword('');
              requestAnimationFrame(() => passwordInput.current?.focus());
            },
          },
        );
      }}
    >
      <FormErrorSummary messages={general ? [general] : []} />
      <FormField label="Email address" error={missing.email}>
        <input type="text" inputMode="email" autoComplete="username" value={email} onChange={(event) => setEmail(event.target.value)} />
      </FormField>
      <FormField label="Password" error={missing.password}>
        <input ref={passwordInput} type="password" autoComplete="current-password" value={password} onChange={(event) => setPassword(event.target.value)} />
      </FormField>
      <div className="form-actions">
        <button type="submit" className="button" disabled={signIn.isPending}>
          {signIn.isPending ? 'Signing in…' : 'Sign in'}
        </button>
      </div>
    </form>
  );
}
