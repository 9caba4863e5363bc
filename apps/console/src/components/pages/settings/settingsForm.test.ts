import type { OrgSettings } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import { settingsBody, settingsPatch, toDraft } from './settingsForm';

// Only the fields this page edits; other settings (owned by other pages) pass through as they are.
const saved = {
  chatEnabled: true,
  maxChatsPerAgent: 5,
  offerTimeoutSeconds: 30,
  maxWaitSeconds: 300,
  autoGreeting: '',
  autoAwayMinutes: 0,
  offlineGraceSeconds: 30,
} as OrgSettings;

describe('settingsPatch', () => {
  it('sends only what changed', () => {
    expect(settingsPatch(saved, toDraft(saved))).toEqual({ patch: {}, errors: {} });
    const draft = { ...toDraft(saved), chatEnabled: false, offerTimeoutSeconds: 45 as const };
    expect(settingsPatch(saved, draft)).toEqual({
      patch: { chatEnabled: false, offerTimeoutSeconds: 45 },
      errors: {},
    });
  });

  it('refuses an emptied number instead of sending it', () => {
    const draft = { ...toDraft(saved), autoAwayMinutes: '' as const, autoGreeting: 'Hi {visitor}' };
    expect(settingsPatch(saved, draft)).toEqual({
      patch: { autoGreeting: 'Hi {visitor}' },
      errors: { autoAwayMinutes: 'Enter a number' },
    });
  });
});

describe('settingsBody', () => {
  it('puts the changes on top of every loaded value', () => {
    expect(settingsBody(saved, { maxChatsPerAgent: 8 })).toEqual({ ...saved, maxChatsPerAgent: 8 });
  });
});
