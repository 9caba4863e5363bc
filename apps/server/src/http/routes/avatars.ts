import { API_PREFIX, type AgentResponse } from '@parley/protocol';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import { presentAgent } from '../../presenters/agent.js';
import {
  AVATAR_KEY,
  AVATAR_MAX_BYTES,
  openAvatar,
  removeAvatar,
  replaceAvatar,
} from '../../services/accounts/avatars.js';
import type { Deps } from '../../services/deps.js';
import { parseInput } from '../../validation.js';
import { requireAgent } from '../auth.js';

const AvatarKey = z.object({ key: z.string().regex(AVATAR_KEY) });

/** Agents' profile photos: set and removed by the agent, read by anyone who has the URL. */
export function avatarRoutes(app: FastifyInstance, deps: Deps): void {
  app.post(`${API_PREFIX}/agents/me/avatar`, async (request): Promise<AgentResponse> => {
    const { agent } = await requireAgent(deps, request);
    if (!request.isMultipart())
      throw new AppError('VALIDATION_FAILED', 'Send the photo as multipart/form-data.');
    const part = await request.file({ limits: { fileSize: AVATAR_MAX_BYTES + 1 } });
    if (!part)
      throw new AppError('VALIDATION_FAILED', 'No file in the request.', { file: 'missing' });
    const bytes = await part.toBuffer().catch(() => null);
    return { agent: presentAgent(await replaceAvatar(deps, agent, bytes)) };
  });

  app.delete(`${API_PREFIX}/agents/me/avatar`, async (request): Promise<AgentResponse> => {
    const { agent } = await requireAgent(deps, request);
    return { agent: presentAgent(await removeAvatar(deps, agent)) };
  });

  // Public: visitors see the photo of the agent serving them. Keys are random and unguessable.
  app.get(`${API_PREFIX}/avatars/:key`, async (request, reply) => {
    const { key } = parseInput(AvatarKey, request.params);
    const { stream, contentType } = await openAvatar(deps, key);
    return reply
      .header('content-type', contentType)
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('cross-origin-resource-policy', 'cross-origin')
      .send(stream);
  });
}
