import { API_PREFIX, OrgSettingsPatch, type SettingsResponse } from '@parley/protocol';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../services/deps.js';
import { getSettings, updateSettings } from '../../services/settings/settings.js';
import { parseInput, sentFields } from '../../validation.js';
import { requireAgent } from '../auth.js';
import { requireAdmin } from './guards.js';

/** The organisation's settings: every agent reads them, admins change them. */
export function settingsRoutes(app: FastifyInstance, deps: Deps): void {
  app.get(`${API_PREFIX}/settings`, async (request): Promise<SettingsResponse> => {
    await requireAgent(deps, request);
    return { settings: await getSettings(deps) };
  });

  app.patch(`${API_PREFIX}/settings`, async (request): Promise<SettingsResponse> => {
    await requireAdmin(deps, request);
    const patch = sentFields(parseInput(OrgSettingsPatch, request.body), request.body);
    const settings = await updateSettings(deps, patch);
    // The chat switch and limits change who can be offered what: route again now.
    deps.bus.publish({ type: 'settings.changed' });
    return { settings };
  });
}
