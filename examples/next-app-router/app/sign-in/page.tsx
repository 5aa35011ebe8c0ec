'use client';
import { useRouter } from 'next/navigation';
import { type FormEvent, useState } from 'react';
import { type SessionUser, useSession } from 'storefront-auth-kit';

interface SignInAnswer {
  success?: boolean;
  message?: string;
  content?: { access_token: string; refresh_token: string; user: SessionUser };
}

export default function SignInPage() {
  const router = useRouter();
  const setSession = useSession((state) => state.setSession);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function signIn(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const response = await fetch('/api/storefront/auth/login/password', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: form.get('email'), password: form.get('password') }),
      });
      const answer = (await response.json()) as SignInAnswer;
      if (!response.ok || !answer.content) {
        setError(answer.message ?? 'Signing in failed.');
        return;
      }
      const { access_token, refresh_token, user } = answer.content;
      setSession({ accessToken: access_token, refreshToken: refresh_token, user });
      router.push('/account');
    } catch {
      setError('The shop cannot be reached. Try again.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <h1>Sign in</h1>
      <form onSubmit={signIn}>
        <label>
          Email <input name="email" type="email" autoComplete="email" required />
        </label>
        <label>
          Password{' '}
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        <button type="submit" disabled={busy}>
          Sign in
        </button>
        {error && <p role="alert">{error}</p>}
      </form>
      <p>
        Try <code>maya@example.com</code> or <code>noah@example.com</code> with the password{' '}
        <code>storefront</code>.
      </p>
    </>
  );
}
