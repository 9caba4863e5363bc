import type {
  ConversationResponse,
  Conversation,
  Tag,
  TagColor,
  TagListResponse,
  TagResponse,
} from '@parley/protocol';
import { apiRequest } from './http';

const chat = (id: string) => `/conversations/${encodeURIComponent(id)}`;

/** Every tag of the installation; any signed-in agent may read them. */
export function listTagsApi(): Promise<Tag[]> {
  return apiRequest<TagListResponse>('/tags').then((r) => r.tags);
}

/** Tags (admins) and a chat's title and tags (anyone who may open the chat). */
export function tagsApi(csrfToken: string) {
  const send = <T>(method: 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown) =>
    apiRequest<T>(path, { method, csrfToken, ...(body !== undefined ? { body } : {}) });
  return {
    listTags: listTagsApi,
    createTag: (input: { name: string; color: TagColor }): Promise<Tag> =>
      send<TagResponse>('POST', '/tags', input).then((r) => r.tag),
    updateTag: (id: string, patch: { name?: string; color?: TagColor }): Promise<Tag> =>
      send<TagResponse>('PATCH', `/tags/${encodeURIComponent(id)}`, patch).then((r) => r.tag),
    deleteTag: (id: string): Promise<void> =>
      send<void>('DELETE', `/tags/${encodeURIComponent(id)}`),
    /** null (or blank) clears the title. */
    renameChat: (id: string, title: string | null): Promise<Conversation> =>
      send<ConversationResponse>('PATCH', chat(id), { title }).then((r) => r.conversation),
    addChatTag: (id: string, tagId: string): Promise<Conversation> =>
      send<ConversationResponse>('POST', `${chat(id)}/tags`, { tagId }).then((r) => r.conversation),
    removeChatTag: (id: string, tagId: string): Promise<Conversation> =>
      send<ConversationResponse>('DELETE', `${chat(id)}/tags/${encodeURIComponent(tagId)}`).then(
        (r) => r.conversation,
      ),
  };
}
