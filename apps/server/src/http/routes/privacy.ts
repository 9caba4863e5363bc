import {
  API_PREFIX,
  AuditQuery,
  EraseInput,
  type AuditListResponse,
  type EraseResponse,
} from '@parley/protocol';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { contentDisposition } from '../../domain/files.js';
import { presentAuditEntry } from '../../presenters/audit.js';
import type { Deps } from '../../services/deps.js';
import { listAuditEntries } from '../../services/privacy/auditLog.js';
import { eraseContactData, eraseVisitorData } from '../../services/privacy/eraseData.js';
import {
  exportContactData,
  exportVisitorData,
  type DataExport,
} from '../../services/privacy/exportData.js';
import { parseInput } from '../../validation.js';
import { requireAgent } from '../auth.js';
import { Params } from './guards.js';

function sendArchive(reply: FastifyReply, data: DataExport) {
  return reply
    .header('content-type', 'application/zip')
    .header('content-disposition', contentDisposition('attachment', data.filename))
    .header('cache-control', 'no-store')
    .send(data.archive);
}

/** Data rights: admins export and erase a visitor's or a contact's data; the audit log. */
export function privacyRoutes(app: FastifyInstance, deps: Deps): void {
  for (const [kind, exporter, eraser] of [
    ['visitors', exportVisitorData, eraseVisitorData],
    ['contacts', exportContactData, eraseContactData],
  ] as const) {
    app.get(`${API_PREFIX}/${kind}/:id/export`, async (request, reply) => {
      const { agent } = await requireAgent(deps, request);
      const { id } = parseInput(Params, request.params);
      return sendArchive(reply, await exporter(deps, agent, id));
    });

    app.post(`${API_PREFIX}/${kind}/:id/erase`, async (request): Promise<EraseResponse> => {
      const { agent } = await requireAgent(deps, request);
      const { id } = parseInput(Params, request.params);
      const { confirm } = parseInput(EraseInput, request.body);
      return eraser(deps, agent, id, confirm);
    });
  }

  app.get(`${API_PREFIX}/audit`, async (request): Promise<AuditListResponse> => {
    const { agent } = await requireAgent(deps, request);
    const query = parseInput(AuditQuery, request.query);
    const entries = await listAuditEntries(deps, agent, query);
    return { entries: entries.map(presentAuditEntry) };
  });
}
