import {
  API_PREFIX,
  AgentUpdateInput,
  DepartmentInput,
  Id,
  OrgSettingsPatch,
  TicketStatus,
  type AgentResponse,
  type DepartmentListResponse,
  type DepartmentResponse,
  type SettingsResponse,
  type SiteListResponse,
  type SiteResponse,
  SiteSettingsPatch,
  type TicketListResponse,
  type TicketResponse,
} from '@parley/protocol';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import { presentAgent } from '../../presenters/agent.js';
import { presentDepartment, presentTicket } from '../../presenters/routing.js';
import {
  createDepartment,
  listDepartments,
  setSiteDepartments,
  updateDepartment,
} from '../../services/departments.js';
import type { Deps } from '../../services/deps.js';
import { getSettings, updateSettings } from '../../services/settings.js';
import { listTickets, setTicketStatus } from '../../services/tickets.js';
import { updateAgent } from '../../services/updateAgent.js';
import {
  presentSite,
  regenerateIdentitySecret,
  updateSiteSettings,
} from '../../services/siteSettings.js';
import { parseInput } from '../../validation.js';
import { requireAgent } from '../auth.js';

const Params = z.object({ id: Id });

/** Settings, departments, sites, tickets and agents: what admins configure and supervisors read. */
export function adminRoutes(app: FastifyInstance, deps: Deps): void {
  const admin = async (request: FastifyRequest) => {
    const { agent } = await requireAgent(deps, request);
    if (agent.role !== 'admin') throw new AppError('FORBIDDEN', 'Only admins can change settings.');
    return agent;
  };

  app.get(`${API_PREFIX}/settings`, async (request): Promise<SettingsResponse> => {
    await requireAgent(deps, request);
    return { settings: await getSettings(deps) };
  });

  app.patch(`${API_PREFIX}/settings`, async (request): Promise<SettingsResponse> => {
    await admin(request);
    const parsed = parseInput(OrgSettingsPatch, request.body);
    // The partial schema fills defaults for absent fields; only what was sent may change.
    const sent = request.body && typeof request.body === 'object' ? Object.keys(request.body) : [];
    const patch = Object.fromEntries(Object.entries(parsed).filter(([key]) => sent.includes(key)));
    const settings = await updateSettings(deps, patch);
    // The chat switch and limits change who can be offered what: route again now.
    deps.bus.publish({ type: 'settings.changed' });
    return { settings };
  });

  app.get(`${API_PREFIX}/departments`, async (request): Promise<DepartmentListResponse> => {
    await requireAgent(deps, request);
    return { departments: (await listDepartments(deps)).map(presentDepartment) };
  });

  app.post(`${API_PREFIX}/departments`, async (request, reply): Promise<DepartmentResponse> => {
    await admin(request);
    const input = parseInput(DepartmentInput, request.body);
    void reply.status(201);
    return { department: presentDepartment(await createDepartment(deps, input)) };
  });

  app.put(`${API_PREFIX}/departments/:id`, async (request): Promise<DepartmentResponse> => {
    await admin(request);
    const { id } = parseInput(Params, request.params);
    const input = parseInput(DepartmentInput, request.body);
    return { department: presentDepartment(await updateDepartment(deps, id, input)) };
  });

  app.get(`${API_PREFIX}/sites`, async (request): Promise<SiteListResponse> => {
    const { agent } = await requireAgent(deps, request);
    const [sites, links] = await Promise.all([
      deps.db.selectFrom('sites').selectAll().orderBy('name').execute(),
      deps.db.selectFrom('site_departments').selectAll().orderBy('position').execute(),
    ]);
    return {
      sites: sites.map((s) =>
        presentSite(
          s,
          links.filter((l) => l.site_id === s.id).map((l) => l.department_id),
          agent.role === 'admin',
        ),
      ),
    };
  });

  app.patch(`${API_PREFIX}/sites/:id`, async (request): Promise<SiteResponse> => {
    await admin(request);
    const { id } = parseInput(Params, request.params);
    const parsed = parseInput(SiteSettingsPatch, request.body);
    const sent = request.body && typeof request.body === 'object' ? Object.keys(request.body) : [];
    const patch = Object.fromEntries(Object.entries(parsed).filter(([key]) => sent.includes(key)));
    return { site: await updateSiteSettings(deps, id, patch) };
  });

  app.post(`${API_PREFIX}/sites/:id/identity-secret`, async (request): Promise<SiteResponse> => {
    await admin(request);
    const { id } = parseInput(Params, request.params);
    return { site: await regenerateIdentitySecret(deps, id) };
  });

  app.put(`${API_PREFIX}/sites/:id/departments`, async (request, reply) => {
    await admin(request);
    const { id } = parseInput(Params, request.params);
    const { departmentIds } = parseInput(
      z.object({ departmentIds: z.array(Id).max(50) }),
      request.body,
    );
    const site = await deps.db
      .selectFrom('sites')
      .select('id')
      .where('id', '=', id)
      .executeTakeFirst();
    if (!site) throw new AppError('NOT_FOUND', 'Site not found.');
    const known = departmentIds.length
      ? await deps.db
          .selectFrom('departments')
          .select('id')
          .where('id', 'in', departmentIds)
          .execute()
      : [];
    if (known.length !== new Set(departmentIds).size) {
      throw new AppError('VALIDATION_FAILED', 'Unknown department.', {
        departmentIds: 'unknown department',
      });
    }
    await setSiteDepartments(deps, id, departmentIds);
    return reply.status(204).send();
  });

  app.patch(`${API_PREFIX}/agents/:id`, async (request): Promise<AgentResponse> => {
    const { agent } = await requireAgent(deps, request);
    const { id } = parseInput(Params, request.params);
    const changes = parseInput(AgentUpdateInput, request.body);
    return { agent: presentAgent(await updateAgent(deps, agent, id, changes)) };
  });

  app.get(`${API_PREFIX}/tickets`, async (request): Promise<TicketListResponse> => {
    await requireAgent(deps, request);
    const { status, limit } = parseInput(
      z.object({
        status: TicketStatus.optional(),
        limit: z.coerce.number().int().min(1).max(200).default(100),
      }),
      request.query,
    );
    return { tickets: (await listTickets(deps, status, limit)).map(presentTicket) };
  });

  app.patch(`${API_PREFIX}/tickets/:id`, async (request): Promise<TicketResponse> => {
    // Any agent works tickets: they are the team's inbox while nobody was online.
    await requireAgent(deps, request);
    const { id } = parseInput(Params, request.params);
    const { status } = parseInput(z.object({ status: TicketStatus }), request.body);
    return { ticket: presentTicket(await setTicketStatus(deps, id, status)) };
  });
}
