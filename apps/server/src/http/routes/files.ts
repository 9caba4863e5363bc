import multipart from '@fastify/multipart';
import { API_PREFIX, Id } from '@parley/protocol';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../../services/actor.js';
import { contentDisposition } from '../../domain/files.js';
import { AppError } from '../../errors.js';
import { presentAttachment } from '../../presenters/message.js';
import type { Deps } from '../../services/deps.js';
import { openFile } from '../../services/files/openFile.js';
import { uploadFile } from '../../services/files/uploadFile.js';
import { parseInput } from '../../validation.js';
import { requireAgent, requireVisitor } from '../auth.js';

const Params = z.object({ id: Id });
const Download = z.object({ inline: z.enum(['1']).optional() });
// The plugin's hard ceiling; the admin's setting (at most 100 MB) is enforced while streaming.
const HARD_LIMIT = 100 * 1024 * 1024 + 1;

/** Uploads (one file per request, streamed) and downloads, for agents and visitors. */
export async function fileRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  await app.register(multipart, {
    limits: { fileSize: HARD_LIMIT, files: 1, fields: 0, parts: 1, headerPairs: 100 },
    throwFileSizeLimit: false,
  });

  const receive = async (request: FastifyRequest, reply: FastifyReply, actor: Actor) => {
    const { id } = parseInput(Params, request.params);
    if (!request.isMultipart())
      throw new AppError('VALIDATION_FAILED', 'Send the file as multipart/form-data.');
    const part = await request.file();
    if (!part)
      throw new AppError('VALIDATION_FAILED', 'No file in the request.', { file: 'missing' });
    let row;
    try {
      row = await uploadFile(deps, actor, id, {
        filename: part.filename,
        file: part.file,
        ip: request.ip || null,
      });
    } catch (err) {
      // The rest of a refused upload is never read: the connection cannot carry another request.
      void reply.header('connection', 'close');
      part.file.resume();
      throw err;
    }
    void reply.status(201);
    return {
      file: presentAttachment({
        id: row.id,
        name: row.name,
        size: row.size,
        contentType: row.content_type,
      }),
    };
  };

  const send = async (request: FastifyRequest, reply: FastifyReply, actor: Actor) => {
    const { id } = parseInput(Params, request.params);
    const { inline } = parseInput(Download, request.query);
    const { file, stream } = await openFile(deps, actor, id);
    // Only raster images (sniffed) are ever shown inline; everything else downloads.
    const asInline = inline === '1' && file.content_type.startsWith('image/');
    return reply
      .header('content-type', file.content_type)
      .header('content-length', String(file.size))
      .header(
        'content-disposition',
        contentDisposition(asInline ? 'inline' : 'attachment', file.name),
      )
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('cache-control', 'private, max-age=3600')
      .send(stream);
  };

  app.post(`${API_PREFIX}/conversations/:id/files`, async (request, reply) => {
    const { agent } = await requireAgent(deps, request);
    return receive(request, reply, { kind: 'agent', agent });
  });
  app.post(`${API_PREFIX}/widget/conversations/:id/files`, async (request, reply) => {
    const visitor = await requireVisitor(deps, request);
    return receive(request, reply, { kind: 'visitor', visitor });
  });
  app.get(`${API_PREFIX}/files/:id`, async (request, reply) => {
    const { agent } = await requireAgent(deps, request);
    return send(request, reply, { kind: 'agent', agent });
  });
  app.get(`${API_PREFIX}/widget/files/:id`, async (request, reply) => {
    const visitor = await requireVisitor(deps, request);
    return send(request, reply, { kind: 'visitor', visitor });
  });
}
