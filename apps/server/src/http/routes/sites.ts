import {
  API_PREFIX,
  CreateSiteInput,
  Id,
  SiteSettingsPatch,
  type SiteListResponse,
  type SiteResponse,
} from '@parley/protocol';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { setSiteDepartments } from '../../services/routing/departments.js';
import type { Deps } from '../../services/deps.js';
import {
  createSite,
  listSites,
  removeSite,
  regenerateIdentitySecret,
  updateSiteSettings,
} from '../../services/sites/siteSettings.js';
import { parseInput, sentFields } from '../../validation.js';
import { requireAgent } from '../auth.js';
import { Params, requireAdmin } from './guards.js';

/** Sites: their widget settings, identity secret and the departments their chats route to. */
export function siteRoutes(app: FastifyInstance, deps: Deps): void {
  app.get(`${API_PREFIX}/sites`, async (request): Promise<SiteListResponse> => {
    const { agent } = await requireAgent(deps, request);
    return { sites: await listSites(deps, agent) };
  });

  app.post(`${API_PREFIX}/sites`, async (request, reply): Promise<SiteResponse> => {
    await requireAdmin(deps, request);
    const input = parseInput(CreateSiteInput, request.body);
    void reply.status(201);
    return { site: await createSite(deps, input) };
  });

  app.delete(`${API_PREFIX}/sites/:id`, async (request, reply) => {
    await requireAdmin(deps, request);
    const { id } = parseInput(Params, request.params);
    await removeSite(deps, id);
    return reply.status(204).send();
  });

  app.patch(`${API_PREFIX}/sites/:id`, async (request): Promise<SiteResponse> => {
    await requireAdmin(deps, request);
    const { id } = parseInput(Params, request.params);
    const patch = sentFields(parseInput(SiteSettingsPatch, request.body), request.body);
    return { site: await updateSiteSettings(deps, id, patch) };
  });

  app.post(`${API_PREFIX}/sites/:id/identity-secret`, async (request): Promise<SiteResponse> => {
    await requireAdmin(deps, request);
    const { id } = parseInput(Params, request.params);
    return { site: await regenerateIdentitySecret(deps, id) };
  });

  app.put(`${API_PREFIX}/sites/:id/departments`, async (request, reply) => {
    await requireAdmin(deps, request);
    const { id } = parseInput(Params, request.params);
    const { departmentIds } = parseInput(
      z.object({ departmentIds: z.array(Id).max(50) }),
      request.body,
    );
    await setSiteDepartments(deps, id, departmentIds);
    return reply.status(204).send();
  });
}
