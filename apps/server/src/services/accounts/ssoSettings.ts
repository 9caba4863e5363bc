import {
  MAX_SSO_NAME_LENGTH,
  SsoAccountRule,
  type SsoSettings,
  type SsoSettingsInput,
  type SsoStatusResponse,
} from '@parley/protocol';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import { readSetting, writeSetting } from '../../storage/settings.js';
import type { Deps } from '../deps.js';
import { discoverProvider, isLoopbackHttp, ssoRedirectUrl } from './ssoProvider.js';

// One row of `settings`, apart from the organisation's (which every agent may read): the
// client secret is in here and leaves accounts/ only towards the provider.
const KEY = 'sso';

const Stored = z.object({
  enabled: z.boolean().default(false),
  displayName: z.string().max(MAX_SSO_NAME_LENGTH).default('SSO'),
  issuer: z.string().default(''),
  clientId: z.string().default(''),
  clientSecret: z.string().nullable().default(null),
  accountRule: SsoAccountRule.default('linked_only'),
});
export type SsoConfig = z.infer<typeof Stored>;

/** The saved configuration, secret included: for the sign-in flow, never for a response. */
export async function loadSsoConfig(deps: Pick<Deps, 'store'>): Promise<SsoConfig> {
  const parsed = Stored.safeParse((await readSetting(deps.store, KEY)) ?? {});
  return parsed.success ? parsed.data : Stored.parse({});
}

/** What an admin sees: everything but the secret, whose presence is a yes or no. */
export function presentSsoSettings(deps: Pick<Deps, 'config'>, c: SsoConfig): SsoSettings {
  return {
    enabled: c.enabled,
    displayName: c.displayName,
    issuer: c.issuer,
    clientId: c.clientId,
    clientSecretSet: c.clientSecret !== null,
    accountRule: c.accountRule,
    redirectUrl: ssoRedirectUrl(deps),
  };
}

/** For the sign-in page: whether to offer the button, and its name. Nothing secret. */
export async function ssoStatus(deps: Pick<Deps, 'store'>): Promise<SsoStatusResponse> {
  const c = await loadSsoConfig(deps);
  return { enabled: c.enabled, displayName: c.enabled ? c.displayName : null };
}

/**
 * An admin saves the configuration. A secret left out keeps the saved one. Turning SSO on needs
 * an issuer, a client id and a secret. A new issuer, or any issuer while SSO is on, is checked
 * by discovery before anything is saved (SSO_DISCOVERY_FAILED): a typo never replaces a working
 * setup.
 */
export async function saveSsoSettings(
  deps: Deps,
  input: z.output<typeof SsoSettingsInput>,
): Promise<SsoConfig> {
  const current = await loadSsoConfig(deps);
  const next: SsoConfig = {
    enabled: input.enabled,
    displayName: input.displayName,
    // As the provider spells it: discovery compares it exactly (some end in a slash).
    issuer: input.issuer,
    clientId: input.clientId,
    clientSecret: input.clientSecret ?? current.clientSecret,
    accountRule: input.accountRule,
  };
  const missing: Record<string, string> = {};
  if (next.enabled && !next.issuer) missing.issuer = 'is needed to turn single sign-on on';
  if (next.enabled && !next.clientId) missing.clientId = 'is needed to turn single sign-on on';
  if (next.enabled && !next.clientSecret)
    missing.clientSecret = 'is needed to turn single sign-on on';
  if (next.issuer && next.issuer.startsWith('http:') && !isLoopbackHttp(next.issuer))
    missing.issuer = 'must be an https URL (plain http only for a provider on this machine)';
  if (Object.keys(missing).length > 0) {
    const summary = Object.entries(missing)
      .map(([k, m]) => `${k}: ${m}`)
      .join('; ');
    throw new AppError('VALIDATION_FAILED', `The request is not valid: ${summary}`, missing);
  }
  // Switching off, or saving other fields while off, must work while the provider is down.
  if (next.issuer && (next.enabled || next.issuer !== current.issuer)) {
    const client = {
      issuer: next.issuer,
      clientId: next.clientId || 'parley',
      clientSecret: next.clientSecret ?? '',
    };
    await discoverProvider(deps, client, { fresh: true });
  }
  await writeSetting(deps.store, KEY, next, deps.clock.now());
  deps.log.info(
    { enabled: next.enabled, issuer: next.issuer, accountRule: next.accountRule },
    'single sign-on settings saved',
  );
  return next;
}
