import { OrgSettings, type OrgSettingsPatch } from '@parley/protocol';
import { readSetting, writeSetting } from '../../storage/settings.js';
import type { Store } from '../../storage/store.js';
import type { Deps } from '../deps.js';

const KEY = 'org';
// Read on every routing pass; a short cache keeps that cheap. A change drops the cache on
// every node at once (settings.changed); the expiry bounds staleness to a second even when
// that news is lost (Redis away).
const TTL_MS = 1000;
const cache = new WeakMap<Store, { value: OrgSettings; until: number }>();

export async function getSettings(deps: Pick<Deps, 'store'>): Promise<OrgSettings> {
  const hit = cache.get(deps.store);
  if (hit && hit.until > Date.now()) return hit.value;
  // Unknown or invalid stored fields fall back to defaults rather than breaking routing.
  const parsed = OrgSettings.safeParse((await readSetting(deps.store, KEY)) ?? {});
  const value = parsed.success ? parsed.data : OrgSettings.parse({});
  cache.set(deps.store, { value, until: Date.now() + TTL_MS });
  return value;
}

/** Another node changed the settings: read them afresh next time. */
export function forgetSettings(deps: Pick<Deps, 'store'>): void {
  cache.delete(deps.store);
}

export async function updateSettings(
  deps: Pick<Deps, 'store' | 'clock'>,
  patch: OrgSettingsPatch,
): Promise<OrgSettings> {
  const value = OrgSettings.parse({ ...(await getSettings(deps)), ...patch });
  await writeSetting(deps.store, KEY, value, deps.clock.now());
  cache.set(deps.store, { value, until: Date.now() + TTL_MS });
  return value;
}
