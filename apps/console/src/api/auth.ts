import type { LoginInput, SessionResponse } from '@parley/protocol';
import { ApiError, apiRequest } from './http';

/** The current session, or null when nobody is signed in. */
export async function fetchSession(): Promise<SessionResponse | null> {
  try {
    return await apiRequest<SessionResponse>('/auth/session');
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}

export function signIn(input: LoginInput): Promise<SessionResponse> {
  return apiRequest<SessionResponse>('/auth/login', { method: 'POST', body: input });
}

export function signOut(csrfToken: string): Promise<void> {
  return apiRequest<void>('/auth/logout', { method: 'POST', csrfToken });
}

/** "Forgot password?": the same answer whether or not the address is an agent's. */
export function requestPasswordReset(email: string): Promise<void> {
  return apiRequest<void>('/auth/password-reset', { method: 'POST', body: { email } });
}

/** The emailed link's token and a new password. */
export function resetPassword(token: string, newPassword: string): Promise<void> {
  return apiRequest<void>('/auth/password-reset/confirm', {
    method: 'POST',
    body: { token, newPassword },
  });
}
