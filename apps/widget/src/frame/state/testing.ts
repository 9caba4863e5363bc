import type { Message, VisitorConversation, WidgetConfig } from '@parley/protocol';
import { ChatStore, type StoreDeps } from './chatStore';
import type { Signal } from './live';
import { memoryStorage, type KeyValue } from './storage';
import { RequestError, type RequestName, type Transport, type TransportEvents } from './transport';

/** Fixtures and a scripted server shared by the ChatStore tests. */
export const SITE = 'site_1';
export const config: WidgetConfig = {
  siteKey: SITE,
  siteName: 'Maple & Moss',
  chatEnabled: true,
  agentsAvailable: true,
  greeting: 'Hi!',
  accentColor: '#1c7ed6',
  departments: [],
  showAgentPhoto: true,
  language: null,
  prechatFields: [],
};

export function conv(
  id: string,
  status: VisitorConversation['status'] = 'queued',
  lastSeq = 0,
): VisitorConversation {
  return {
    id,
    status,
    agent: null,
    queue: null,
    lastSeq,
    createdAt: '2025-01-01T10:00:00.000Z',
    closedAt: null,
    closedBy: null,
    department: null,
    rating: null,
  };
}

export function msg(
  conversationId: string,
  seq: number,
  type: 'visitor' | 'agent' = 'agent',
  clientId: string | null = null,
): Message {
  return {
    id: `${conversationId}-m${seq}`,
    conversationId,
    seq,
    clientId,
    author: { type, id: null, name: type === 'agent' ? 'Ana' : null },
    body: `message ${seq}`,
    visibility: 'public',
    createdAt: '2025-01-01T10:00:00.000Z',
  };
}

type Handler = (payload: never) => unknown;

export const me = { id: 'v1', code: '#4821', name: null, email: null, verified: [] };

/** A scripted server: each request name answers through a handler; events are pushed by hand. */
export class FakeServer {
  connected = false;
  events!: TransportEvents;
  tokens: string[] = [];
  calls: Array<{ name: string; payload: unknown }> = [];
  typingSignals: unknown[] = [];
  seenSignals: unknown[] = [];
  handlers: Partial<Record<RequestName, Handler>> = {
    'widget:config': () => config,
    'conversation:current': () => ({ conversation: null, messages: [], invitation: null }),
    'visitor:me': () => ({ visitor: me }),
  };

  factory = (token: string, events: TransportEvents): Transport => {
    this.tokens.push(token);
    this.events = events;
    const isConnected = () => this.connected;
    return {
      get connected() {
        return isConnected();
      },
      request: async (name, payload) => {
        this.calls.push({ name, payload });
        if (!this.connected) throw new RequestError('DISCONNECTED');
        const h = this.handlers[name];
        if (!h) throw new RequestError('INTERNAL');
        return (await h(payload as never)) as never;
      },
      typing: (p) => void this.typingSignals.push(p),
      seen: (p) => void this.seenSignals.push(p),
      reconnect: (t) => void this.tokens.push(t),
      close: () => undefined,
    };
  };

  connect() {
    this.connected = true;
    this.events.connect();
  }
  disconnect() {
    this.connected = false;
    this.events.disconnect();
  }
  names() {
    return this.calls.map((c) => c.name);
  }
}

export async function setup(
  storage: KeyValue = memoryStorage(),
  server = new FakeServer(),
  deps: Partial<StoreDeps> = {},
) {
  const signals: Signal[] = [];
  const store = new ChatStore({
    siteKey: SITE,
    storage,
    connect: server.factory,
    signal: (s) => void signals.push(s),
    ...deps,
  });
  // loader.js owns the token and hands it over after 'ready'.
  store.init('tok-1', null);
  return { store, server, storage, signals };
}

/** Lets pending acks and their follow-ups run. */
export const settle = () => new Promise((r) => setTimeout(r, 0));
