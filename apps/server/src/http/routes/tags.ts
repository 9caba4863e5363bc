import {
  API_PREFIX,
  ConversationTagInput,
  Id,
  TagInput,
  TagPatch,
  TitleInput,
  type ConversationResponse,
  type TagListResponse,
  type TagResponse,
} from '@parley/protocol';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { presentConversation } from '../../presenters/conversation.js';
import { presentTag } from '../../presenters/tag.js';
import type { Deps } from '../../services/deps.js';
import {
  addConversationTag,
  removeConversationTag,
  renameConversation,
} from '../../services/labels/labelConversation.js';
import { createTag, deleteTag, listAllTags, updateTag } from '../../services/labels/manageTags.js';
import { parseInput } from '../../validation.js';
import { requireAgent } from '../auth.js';
import { Params } from './guards.js';

const ChatTagParams = z.object({ id: Id, tagId: Id });

/**
 * Tags (every agent reads them, admins change them) and a chat's title and tags (any agent
 * who may open the chat). Signed-in agents only: a visitor token never reaches these.
 */
export function tagRoutes(app: FastifyInstance, deps: Deps): void {
  const tags = `${API_PREFIX}/tags`;
  const chats = `${API_PREFIX}/conversations`;

  app.get(tags, async (request): Promise<TagListResponse> => {
    await requireAgent(deps, request);
    return { tags: (await listAllTags(deps)).map(presentTag) };
  });

  app.post(tags, async (request, reply): Promise<TagResponse> => {
    const { agent } = await requireAgent(deps, request);
    const input = parseInput(TagInput, request.body);
    void reply.status(201);
    return { tag: presentTag(await createTag(deps, agent, input)) };
  });

  app.patch(`${tags}/:id`, async (request): Promise<TagResponse> => {
    const { agent } = await requireAgent(deps, request);
    const { id } = parseInput(Params, request.params);
    const patch = parseInput(TagPatch, request.body);
    return { tag: presentTag(await updateTag(deps, agent, id, patch)) };
  });

  app.delete(`${tags}/:id`, async (request, reply) => {
    const { agent } = await requireAgent(deps, request);
    const { id } = parseInput(Params, request.params);
    await deleteTag(deps, agent, id);
    return reply.status(204).send();
  });

  app.patch(`${chats}/:id`, async (request): Promise<ConversationResponse> => {
    const { agent } = await requireAgent(deps, request);
    const { id } = parseInput(Params, request.params);
    const { title } = parseInput(TitleInput, request.body);
    return { conversation: presentConversation(await renameConversation(deps, agent, id, title)) };
  });

  app.post(`${chats}/:id/tags`, async (request): Promise<ConversationResponse> => {
    const { agent } = await requireAgent(deps, request);
    const { id } = parseInput(Params, request.params);
    const { tagId } = parseInput(ConversationTagInput, request.body);
    return {
      conversation: presentConversation(await addConversationTag(deps, agent, id, tagId)),
    };
  });

  app.delete(`${chats}/:id/tags/:tagId`, async (request): Promise<ConversationResponse> => {
    const { agent } = await requireAgent(deps, request);
    const { id, tagId } = parseInput(ChatTagParams, request.params);
    return {
      conversation: presentConversation(await removeConversationTag(deps, agent, id, tagId)),
    };
  });
}
