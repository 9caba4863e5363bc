import {
  API_PREFIX,
  DepartmentInput,
  type DepartmentListResponse,
  type DepartmentResponse,
} from '@parley/protocol';
import type { FastifyInstance } from 'fastify';
import { presentDepartment } from '../../presenters/routing.js';
import {
  createDepartment,
  listDepartments,
  updateDepartment,
} from '../../services/routing/departments.js';
import type { Deps } from '../../services/deps.js';
import { parseInput } from '../../validation.js';
import { requireAgent } from '../auth.js';
import { Params, requireAdmin } from './guards.js';

/** Departments: every agent reads them (transfers, invitations), admins change them. */
export function departmentRoutes(app: FastifyInstance, deps: Deps): void {
  app.get(`${API_PREFIX}/departments`, async (request): Promise<DepartmentListResponse> => {
    await requireAgent(deps, request);
    return { departments: (await listDepartments(deps)).map(presentDepartment) };
  });

  app.post(`${API_PREFIX}/departments`, async (request, reply): Promise<DepartmentResponse> => {
    await requireAdmin(deps, request);
    const input = parseInput(DepartmentInput, request.body);
    void reply.status(201);
    return { department: presentDepartment(await createDepartment(deps, input)) };
  });

  app.put(`${API_PREFIX}/departments/:id`, async (request): Promise<DepartmentResponse> => {
    await requireAdmin(deps, request);
    const { id } = parseInput(Params, request.params);
    const input = parseInput(DepartmentInput, request.body);
    return { department: presentDepartment(await updateDepartment(deps, id, input)) };
  });
}
