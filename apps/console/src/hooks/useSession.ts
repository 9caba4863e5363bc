import type { LoginInput, SessionResponse } from '@parley/protocol';
import { useCallback, useEffect, useState } from 'react';
import { fetchSession, signIn, signOut } from '../api/auth';
import { ApiError } from '../api/http';

export type SessionState =
  | { kind: 'loading' }
  | { kind: 'signedOut'; reason: 'expired' | null }
  | { kind: 'signedIn'; session: SessionResponse }
  | { kind: 'unreachable'; message: string };

export interface SessionControls {
  state: SessionState;
  /** Resolves to an error message to show, or null on success. */
  login: (input: LoginInput) => Promise<string | null>;
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
      if (err instanceof ApiError && err.code === 'INVALID_CREDENTIALS')
        return 'Wrong email or password.';
      if (err instanceof ApiError) return err.message;
      return 'Could not sign in. Try again.';
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
