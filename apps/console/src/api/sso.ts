import {
  API_PREFIX,
  type SessionResponse,
  type SsoSettings,
  type SsoSettingsInput,
  type SsoSettingsResponse,
  type SsoStatusResponse,
} from '@parley/protocol';
import { apiRequest } from './http';

/** Where "Sign in with <provider>" goes: the server sends the browser on to the provider. */
export const SSO_START_URL = `${API_PREFIX}/auth/sso/start`;

/** Public: whether the sign-in page offers single sign-on, and the provider's name. */
export function fetchSsoStatus(): Promise<SsoStatusResponse> {
  return apiRequest<SsoStatusResponse>('/auth/sso');
}

/** After the provider vouched for an agent with two-factor sign-in: their app's code. */
export function submitSsoCode(code: string): Promise<SessionResponse> {
  return apiRequest<SessionResponse>('/auth/sso/second-factor', {
    method: 'POST',
    body: { code },
  });
}

/** Admins: the saved configuration (never the client secret) and saving a new one. */
export function ssoSettingsApi(csrfToken: string) {
  return {
    get: () => apiRequest<SsoSettingsResponse>('/settings/sso').then((r) => r.settings),
    save: (input: SsoSettingsInput): Promise<SsoSettings> =>
      apiRequest<SsoSettingsResponse>('/settings/sso', {
        method: 'PUT',
        body: input,
        csrfToken,
      }).then((r) => r.settings),
  };
}
