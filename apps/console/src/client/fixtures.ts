import type { Agent, Conversation, Message } from '@parley/protocol';

/** Small builders for store tests: valid wire objects with only the interesting fields set. */

export const me: Agent = {
  id: 'agent-me',
  email: 'me@example.com',
  name: 'Mia Agent',
  role: 'agent',
  status: 'online',
  avatarUrl: null,
};

export function conversation(id: string, patch: Partial<Conversation> = {}): Conversation {
  return {
    id,
    siteId: 'site-1',
    siteName: 'Demo shop',
    channel: 'web',
    status: 'queued',
    visitor: { id: `v-${id}`, code: '#4821', name: null, email: null },
    assignee: null,
    department: null,
    offeredTo: [],
    participants: [],
    visitorOnline: true,
    queuedAt: '2025-01-01T10:00:00.000Z',
    lastSeq: 0,
    lastMessage: null,
    createdAt: '2025-01-01T10:00:00.000Z',
    acceptedAt: null,
    closedAt: null,
    closedBy: null,
    ...patch,
  };
}

export function mine(id: string, patch: Partial<Conversation> = {}): Conversation {
  return conversation(id, {
    status: 'active',
    assignee: { id: me.id, name: me.name, avatarUrl: null },
    acceptedAt: '2025-01-01T10:01:00.000Z',
    ...patch,
  });
}

export function message(
  conversationId: string,
  seq: number,
  patch: Partial<Message> = {},
): Message {
  return {
    id: `${conversationId}-m${seq}`,
    conversationId,
    seq,
    clientId: null,
    author: { type: 'visitor', id: `v-${conversationId}`, name: null },
    body: `message ${seq}`,
    visibility: 'public',
    createdAt: new Date(Date.UTC(2025, 0, 1, 10, 0, seq)).toISOString(),
    ...patch,
  };
}
