import { agentColumns } from '../../storage/schema.js';
import { API_PREFIX, Id, type AgentResponse, type BanListResponse } from '@parley/protocol';
import { fileTypeFromBuffer } from 'file-type';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { z } from 'zod';
import { isSupervisor } from '../../domain/actors.js';
import { AppError } from '../../errors.js';
import { presentAgent } from '../../presenters/agent.js';
import { liftBan, listBans } from '../../services/bans.js';
import type { Deps } from '../../services/deps.js';
import { parseInput } from '../../validation.js';
import { requireAgent } from '../auth.js';

const Params = z.object({ id: Id });
const AvatarKey = z.object({ key: z.string().regex(/^av-(png|jpeg|webp)-[a-f0-9]{24}$/) });
const AVATAR_MAX_BYTES = 2 * 1024 * 1024;
const AVATAR_TYPES = new Map([
  ['image/png', 'png'],
  ['image/jpeg', 'jpeg'],
  ['image/webp', 'webp'],
]);

/** Bans (supervisors and admins lift them) and agents' profile photos. */
export function visitorAdminRoutes(app: FastifyInstance, deps: Deps): void {
  const supervisor = async (request: FastifyRequest) => {
    const { agent } = await requireAgent(deps, request);
    if (!isSupervisor(agent))
      throw new AppError('FORBIDDEN', 'Only supervisors and admins manage bans.');
    return agent;
  };

  app.get(`${API_PREFIX}/bans`, async (request): Promise<BanListResponse> => {
    await supervisor(request);
    return { bans: await listBans(deps) };
  });

  app.delete(`${API_PREFIX}/bans/:id`, async (request, reply) => {
    const agent = await supervisor(request);
    const { id } = parseInput(Params, request.params);
    await liftBan(deps, agent, id);
    return reply.status(204).send();
  });

  const setAvatar = async (agentId: string, url: string | null) => {
    const row = await deps.db
      .updateTable('agents')
      .set({ avatar_url: url })
      .where('id', '=', agentId)
      .returning(agentColumns)
      .executeTakeFirstOrThrow();
    deps.bus.publish({ type: 'agent.changed', agent: row });
    return row;
  };

  // One small image, sniffed from its bytes: PNG, JPEG or WebP only (never SVG: it can script).
  app.post(`${API_PREFIX}/agents/me/avatar`, async (request): Promise<AgentResponse> => {
    const { agent } = await requireAgent(deps, request);
    if (!request.isMultipart())
      throw new AppError('VALIDATION_FAILED', 'Send the photo as multipart/form-data.');
    const part = await request.file({ limits: { fileSize: AVATAR_MAX_BYTES + 1 } });
    if (!part)
      throw new AppError('VALIDATION_FAILED', 'No file in the request.', { file: 'missing' });
    const bytes = await part.toBuffer().catch(() => null);
    if (!bytes || bytes.length > AVATAR_MAX_BYTES)
      throw new AppError('PAYLOAD_TOO_LARGE', 'A profile photo may be at most 2 MB.');
    const type = await fileTypeFromBuffer(bytes);
    const ext = type ? AVATAR_TYPES.get(type.mime) : undefined;
    if (!ext) throw new AppError('UNSUPPORTED_FILE_TYPE', 'Use a PNG, JPEG or WebP image.');
    const key = `av-${ext}-${randomBytes(12).toString('hex')}`;
    await deps.files.write(key, Readable.from(bytes));
    const previous = agent.avatar_url?.match(/\/avatars\/(av-[a-z]+-[a-f0-9]{24})$/)?.[1];
    const row = await setAvatar(agent.id, `${API_PREFIX}/avatars/${key}`);
    if (previous) await deps.files.remove(previous).catch(() => undefined);
    return { agent: presentAgent(row) };
  });

  app.delete(`${API_PREFIX}/agents/me/avatar`, async (request): Promise<AgentResponse> => {
    const { agent } = await requireAgent(deps, request);
    const previous = agent.avatar_url?.match(/\/avatars\/(av-[a-z]+-[a-f0-9]{24})$/)?.[1];
    const row = await setAvatar(agent.id, null);
    if (previous) await deps.files.remove(previous).catch(() => undefined);
    return { agent: presentAgent(row) };
  });

  // Public: visitors see the photo of the agent serving them. Keys are random and unguessable.
  app.get(`${API_PREFIX}/avatars/:key`, async (request, reply) => {
    const { key } = parseInput(AvatarKey, request.params);
    const ext = key.split('-')[1]!;
    const stream = deps.files.read(key);
    const opened = await new Promise<boolean>((resolve) => {
      stream.once('open', () => resolve(true));
      stream.once('error', () => resolve(false));
    });
    if (!opened) throw new AppError('NOT_FOUND', 'No such photo.');
    return reply
      .header('content-type', `image/${ext}`)
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('cross-origin-resource-policy', 'cross-origin')
      .send(stream);
  });
}
