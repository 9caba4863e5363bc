import type { OrgSettings, OrgSettingsPatch } from '@parley/protocol';

/** The general settings form: numbers may be empty while the admin edits them. */
export type SettingsDraft = {
  [K in keyof OrgSettings]: OrgSettings[K] extends number ? number | '' : OrgSettings[K];
};

/** The numeric fields this page edits (other settings pass through untouched). */
export const numberFields = [
  'maxChatsPerAgent',
  'offerTimeoutSeconds',
  'maxWaitSeconds',
  'autoAwayMinutes',
  'offlineGraceSeconds',
  'maxFileMb',
  'fileRetentionDays',
  'navigationRetentionDays',
  'ticketRetentionDays',
] as const satisfies ReadonlyArray<keyof OrgSettings>;

export function toDraft(s: OrgSettings): SettingsDraft {
  return { ...s };
}

/**
 * What to send: only the fields that changed (the API takes a partial body), or the fields that
 * cannot be sent as they are (an emptied number).
 */
export function settingsPatch(
  saved: OrgSettings,
  draft: SettingsDraft,
): { patch: OrgSettingsPatch; errors: Record<string, string> } {
  const patch: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const key of Object.keys(draft) as Array<keyof SettingsDraft>) {
    const value = draft[key];
    if (value === '' && typeof saved[key] === 'number') errors[key] = 'Enter a number';
    else if (value !== saved[key]) patch[key] = value;
  }
  return { patch: patch as OrgSettingsPatch, errors };
}

/**
 * The body for PATCH /settings: the changes on top of every value the page loaded. The API takes
 * a partial body, but today the server fills fields missing from it with their defaults (see the
 * report), so sending only the changes would reset the rest. The full object is still a valid
 * partial body; once the server keeps absent fields, sending `patch` alone is enough.
 */
export function settingsBody(saved: OrgSettings, patch: OrgSettingsPatch): OrgSettingsPatch {
  return { ...saved, ...patch };
}
