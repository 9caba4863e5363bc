import type { LoginInput, SessionResponse } from '@parley/protocol';
import { useCallback, useEffect, useState } from 'react';
import { fetchSession, signIn, signOut } from '../api/auth';
import { ApiError } from '../api/http';

export type SessionState =
  | { kind: 'loading' }
  | { kind: 'signedOut'; reason: 'expired' | null }
  | { kind: 'signedIn'; session: SessionResponse }
  | { kind: 'unreachable'; message: string };

/** Why a sign-in did not go through; `needsCode`: the password was right, the app code is due. */
export interface LoginProblem {
  message: string;
  needsCode: boolean;
}

export interface SessionControls {
  state: SessionState;
  /** Resolves to null on success, else what to show (and whether an app code is wanted). */
  login: (input: LoginInput) => Promise<LoginProblem | null>;
  logout: () => Promise<void>;
  /** The server stopped accepting the session (expired, signed out in another tab). */
  expire: () => void;
  retry: () => void;
}

export function useSession(): SessionControls {
  const [state, setState] = useState<SessionState>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let cancelled = false;
    fetchSession().then(
      (session) => {
        if (cancelled) return;
        setState(session ? { kind: 'signedIn', session } : { kind: 'signedOut', reason: null });
      },
      (err: unknown) => {
        if (cancelled) return;
        const message = err instanceof ApiError ? err.message : 'The server did not answer.';
        setState({ kind: 'unreachable', message });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [attempt]);

  const login = useCallback(async (input: LoginInput) => {
    try {
      const session = await signIn(input);
      setState({ kind: 'signedIn', session });
      return null;
    } catch (err) {
      const problem = (message: string, needsCode = false) => ({ message, needsCode });
      if (!(err instanceof ApiError)) return problem('Could not sign in. Try again.');
      if (err.code === 'INVALID_CREDENTIALS') return problem('Wrong email or password.');
      if (err.code === 'TWO_FACTOR_REQUIRED')
        return problem('Enter the 6-digit code from your authenticator app.', true);
      if (err.code === 'TWO_FACTOR_INVALID') return problem(err.message, true);
      return problem(err.message);
    }
  }, []);

  const logout = useCallback(async () => {
    if (state.kind !== 'signedIn') return;
    // Signing out locally matters more than the server hearing about it; it expires anyway.
    await signOut(state.session.csrfToken).catch(() => undefined);
    setState({ kind: 'signedOut', reason: null });
  }, [state]);

  const expire = useCallback(() => setState({ kind: 'signedOut', reason: 'expired' }), []);
  const retry = useCallback(() => {
    setState({ kind: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  return { state, login, logout, expire, retry };
}
