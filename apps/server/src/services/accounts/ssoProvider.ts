import { API_PREFIX } from '@parley/protocol';
import * as oidc from 'openid-client';
import { AppError } from '../../errors.js';
import { hashToken } from '../../ids.js';
import type { Store } from '../../storage/store.js';
import type { Deps } from '../deps.js';

/** What the provider needs to know about Parley as its client. */
export interface ProviderClient {
  issuer: string;
  clientId: string;
  clientSecret: string;
}

/** Where the provider sends the browser back; admins register it at the provider. */
export function ssoRedirectUrl(deps: Pick<Deps, 'config'>): string {
  return `${deps.config.publicUrl}${API_PREFIX}/auth/sso/callback`;
}

/** Plain http is for a provider on this machine (development, tests); anything else is https. */
export function isLoopbackHttp(issuer: string): boolean {
  const url = new URL(issuer);
  return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

const DISCOVERY_TIMEOUT_S = 10;
// The discovered metadata is a cache each node may lose at any moment: a sign-in does not
// fetch it twice in ten minutes, and a saved change (another key) is seen at once.
const CACHE_MS = 10 * 60_000;
const cache = new WeakMap<Store, { key: string; config: oidc.Configuration; until: number }>();

/**
 * The provider's metadata (OpenID discovery at `<issuer>/.well-known/openid-configuration`),
 * as a configuration of openid-client for Parley's client id and secret. Fails with
 * SSO_DISCOVERY_FAILED, saying why in words an admin can act on.
 */
export async function discoverProvider(
  deps: Pick<Deps, 'store' | 'log'>,
  client: ProviderClient,
  /** Ask the provider even when the cache has an answer (an admin saving the settings). */
  opts: { fresh?: boolean } = {},
): Promise<oidc.Configuration> {
  const key = [client.issuer, client.clientId, hashToken(client.clientSecret)].join('\n');
  const hit = cache.get(deps.store);
  if (!opts.fresh && hit && hit.key === key && hit.until > Date.now()) return hit.config;
  let config: oidc.Configuration;
  try {
    const probe = await oidc.discovery(
      new URL(client.issuer),
      client.clientId,
      undefined,
      undefined,
      {
        timeout: DISCOVERY_TIMEOUT_S,
        ...(isLoopbackHttp(client.issuer) ? { execute: [oidc.allowInsecureRequests] } : {}),
      },
    );
    config = new oidc.Configuration(
      probe.serverMetadata(),
      client.clientId,
      client.clientSecret,
      clientAuthentication(probe.serverMetadata(), client.clientSecret),
    );
    config.timeout = DISCOVERY_TIMEOUT_S;
    if (isLoopbackHttp(client.issuer)) oidc.allowInsecureRequests(config);
  } catch (err) {
    const reason = discoveryProblem(err);
    deps.log.warn({ issuer: client.issuer, reason }, 'OpenID discovery failed');
    throw new AppError(
      'SSO_DISCOVERY_FAILED',
      `OpenID discovery at ${client.issuer} failed: ${reason}.`,
      { issuer: reason },
    );
  }
  cache.set(deps.store, { key, config, until: Date.now() + CACHE_MS });
  return config;
}

/** HTTP Basic when the provider takes it (the usual default), else the secret in the body. */
function clientAuthentication(meta: oidc.ServerMetadata, secret: string): oidc.ClientAuth {
  const methods = meta.token_endpoint_auth_methods_supported;
  return !methods || methods.includes('client_secret_basic')
    ? oidc.ClientSecretBasic(secret)
    : oidc.ClientSecretPost(secret);
}

/** Why discovery failed, from openid-client's error, without anything secret in it. */
function discoveryProblem(err: unknown): string {
  const e = err as { code?: string; cause?: unknown; name?: string };
  const status = (e.cause as { status?: number } | undefined)?.status;
  if (typeof status === 'number') return `the provider answered with HTTP ${status}`;
  if (e.code === 'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED')
    return 'the provider names a different issuer than this URL';
  if (e.name === 'TimeoutError' || e.name === 'AbortError')
    return 'the provider did not answer in time';
  if (e.code?.startsWith('OAUTH_')) return 'the answer is not a valid OpenID configuration';
  return 'the provider could not be reached';
}
