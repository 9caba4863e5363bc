import { z } from 'zod';

/**
 * Single sign-on with an OpenID Connect provider. What happens to a provider account that is
 * not linked to an agent yet: refused; linked to the agent with the same verified email; or,
 * when there is none, a new agent (role agent) is created for it.
 */
export const SSO_ACCOUNT_RULES = ['linked_only', 'link_by_email', 'create_by_email'] as const;
export const SsoAccountRule = z.enum(SSO_ACCOUNT_RULES);
export type SsoAccountRule = z.infer<typeof SsoAccountRule>;

function isHttpUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const { protocol } = new URL(value);
  return protocol === 'https:' || protocol === 'http:';
}

/** The longest provider name shown on the sign-in button. */
export const MAX_SSO_NAME_LENGTH = 40;

/**
 * What an admin saves (PUT /settings/sso). `clientSecret` is write-only: leave it out to keep
 * the saved one. Turning SSO on needs an issuer, a client id and a secret; a non-empty issuer
 * is checked by OpenID discovery before anything is saved.
 */
export const SsoSettingsInput = z.object({
  enabled: z.boolean(),
  displayName: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(MAX_SSO_NAME_LENGTH, `must be at most ${MAX_SSO_NAME_LENGTH} characters`),
  /** Empty while SSO is being set up; otherwise the provider's issuer URL. */
  issuer: z
    .string()
    .trim()
    .max(500, 'must be at most 500 characters')
    .refine((v) => v === '' || isHttpUrl(v), 'must be an http(s) URL'),
  clientId: z.string().trim().max(500),
  clientSecret: z.string().min(1, 'must not be empty').max(2000).optional(),
  accountRule: SsoAccountRule,
});
export type SsoSettingsInput = z.input<typeof SsoSettingsInput>;

/** The second step of an SSO sign-in for an agent with two-factor sign-in: the app's code. */
export const SsoSecondFactorInput = z.object({
  code: z.string().trim().min(1, 'must not be empty').max(20),
});
export type SsoSecondFactorInput = z.input<typeof SsoSecondFactorInput>;

/** The saved configuration as admins see it (GET and PUT /settings/sso); never the secret. */
export interface SsoSettings {
  enabled: boolean;
  displayName: string;
  issuer: string;
  clientId: string;
  /** Whether a client secret is saved; the secret itself is never sent back. */
  clientSecretSet: boolean;
  accountRule: SsoAccountRule;
  /** The address to register at the provider as the redirect (callback) URL. */
  redirectUrl: string;
}
export interface SsoSettingsResponse {
  settings: SsoSettings;
}

/** GET /auth/sso, public: whether the sign-in page shows "Sign in with <displayName>". */
export interface SsoStatusResponse {
  enabled: boolean;
  displayName: string | null;
}
