import type { Store } from './store.js';

/**
 * One row of `settings`: a JSON document under a key ('org', 'sso', the demo site's id...).
 * Undefined when the row is missing or holds no valid JSON (written by hand, or half of an old
 * version): each caller falls back to its own defaults.
 */
export async function readSetting(db: Store, key: string): Promise<unknown> {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', key)
    .executeTakeFirst();
  if (!row) return undefined;
  try {
    return JSON.parse(row.value) as unknown;
  } catch {
    return undefined;
  }
}

/** Creates or replaces the row of `key` with `value` as JSON. */
export async function writeSetting(
  db: Store,
  key: string,
  value: unknown,
  now: number,
): Promise<void> {
  const json = JSON.stringify(value);
  await db
    .insertInto('settings')
    .values({ key, value: json, updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updated_at: now }))
    .execute();
}
