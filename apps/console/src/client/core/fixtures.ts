import type { Agent, Conversation, LiveVisitor, Message } from '@parley/protocol';
import type { PendingMessage } from './state';

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
    prechat: [],
    startPage: null,
    invited: false,
    rating: null,
    title: null,
    tags: [],
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

/** A visitor on the site as the Visitors page lists them; `at(s)` is seconds after 10:00. */
export const at = (seconds: number) =>
  new Date(Date.UTC(2025, 0, 1, 10, 0, 0) + seconds * 1000).toISOString();

export function liveVisitor(id: string, patch: Partial<LiveVisitor> = {}): LiveVisitor {
  return {
    id,
    siteId: 'site-1',
    siteName: 'Demo shop',
    code: `#${id}`,
    name: null,
    email: null,
    verified: [],
    online: true,
    state: 'browsing',
    conversationId: null,
    language: 'en',
    currentPage: { url: 'https://shop.example/', title: 'Home', at: at(0) },
    referrer: null,
    visitStartedAt: at(0),
    visits: 1,
    pageViews: 1,
    lastSeenAt: at(0),
    ip: '203.0.113.9',
    location: { country: 'DE', region: null, city: 'Berlin', timeZone: 'Europe/Berlin' },
    device: { browser: 'Firefox', os: 'Linux', type: 'desktop' },
    banned: false,
    invitation: null,
    ...patch,
  };
}

/** A reply on its way to the server, as the outbox holds it. */
export function pending(clientId: string, conversationId = 'c1'): PendingMessage {
  return {
    clientId,
    conversationId,
    body: 'On my way',
    visibility: 'public',
    createdAt: '2025-01-01T10:05:00.000Z',
    state: 'sending',
    error: null,
  };
}
