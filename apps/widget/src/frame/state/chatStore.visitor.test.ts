import type { Message, PrechatField, ProactiveInvitation, WidgetLanguage } from '@parley/protocol';
import { describe, expect, it, vi } from 'vitest';
import { keys, memoryStorage } from './storage';
import { config, conv, FakeServer, me, msg, settle, setup } from './testing';
import { RequestError } from './transport';

const ack = (seq: number) => ({
  id: `sent-${seq}`,
  seq,
  createdAt: '2025-01-01T10:01:00.000Z',
  duplicate: false,
});

const invitation: ProactiveInvitation = {
  id: 'inv1',
  visitorId: 'v1',
  agent: { id: 'a1', name: 'Ana', avatarUrl: '/files/avatars/a1.png' },
  message: 'Hi! Can I help you find the right size?',
  status: 'pending',
  conversationId: null,
  createdAt: '2025-01-01T10:00:00.000Z',
};

/** The invitation as the server writes it into the chat once the visitor has replied. */
const invitationMessage = (conversationId: string): Message => ({
  ...msg(conversationId, 1),
  id: 'first',
  body: invitation.message,
});

describe('messages for the host page (Parley.on("message"))', () => {
  it('tells of live messages once, and never of history read back on load or resync', async () => {
    const { server, signals } = await setup();
    server.handlers['conversation:current'] = () => ({
      conversation: conv('c1', 'active'),
      messages: [msg('c1', 1), msg('c1', 2, 'visitor')],
      invitation: null,
    });
    server.handlers['sync'] = () => ({
      conversations: [{ conversation: conv('c1', 'active'), messages: [msg('c1', 3)] }],
    });
    server.connect();
    await settle();
    server.disconnect();
    server.connect();
    await settle();
    expect(signals).toEqual([]);

    server.events.message(msg('c1', 4));
    server.events.message(msg('c1', 4));
    expect(signals.filter((s) => s.type === 'message')).toEqual([
      {
        type: 'message',
        message: {
          id: 'c1-m4',
          author: 'agent',
          authorName: 'Ana',
          body: 'message 4',
          createdAt: '2025-01-01T10:00:00.000Z',
        },
      },
    ]);
  });

  it('tells of the visitor’s own message once, when the server has stored it', async () => {
    const { store, server, signals } = await setup();
    server.handlers['conversation:current'] = () => ({
      conversation: conv('c1', 'active'),
      messages: [],
      invitation: null,
    });
    server.handlers['message:send'] = () => ack(1);
    server.connect();
    await settle();
    store.send('Do you ship to Spain?');
    expect(signals).toEqual([]);
    await settle();
    // The server's echo of the same message comes live too.
    server.events.message({ ...msg('c1', 1, 'visitor'), id: 'sent-1' });
    expect(signals).toEqual([
      {
        type: 'message',
        message: expect.objectContaining({
          id: 'sent-1',
          author: 'visitor',
          body: 'Do you ship to Spain?',
        }),
      },
    ]);
  });

  it('follows an agent’s product card to its page when the tab is in front', async () => {
    const { store, server, signals } = await setup();
    server.handlers['conversation:current'] = () => ({
      conversation: conv('c1', 'active'),
      messages: [],
      invitation: null,
    });
    server.connect();
    await settle();
    store.setHostOpen(true);
    const card = (seq: number, url: string): Message => ({
      ...msg('c1', seq),
      kind: 'card',
      card: { url, title: 'Linen throw', description: null, image: null, price: '$24.00' },
    });
    server.events.message(card(1, 'https://shop.example/p/1'));
    store.setAttention(false, false);
    server.events.message(card(2, 'https://shop.example/p/2'));
    expect(signals.filter((s) => s.type === 'navigate')).toEqual([
      { type: 'navigate', url: 'https://shop.example/p/1' },
    ]);
  });
});

describe('notification sound', () => {
  it('chimes for agent messages while the chat is closed, until muted; muting is remembered', async () => {
    const storage = memoryStorage();
    const { store, server, signals } = await setup(storage);
    server.handlers['conversation:current'] = () => ({
      conversation: conv('c1', 'active'),
      messages: [],
      invitation: null,
    });
    server.connect();
    await settle();
    server.events.message(msg('c1', 1));
    store.setHostOpen(true);
    server.events.message(msg('c1', 2));
    store.setHostOpen(false);
    store.toggleMute();
    server.events.message(msg('c1', 3));
    expect(signals.filter((s) => s.type === 'chime')).toHaveLength(1);
    expect(store.getState().muted).toBe(true);
    expect(storage.get(keys.muted('site_1'))).toBe('1');

    const again = await setup(storage);
    expect(again.store.getState().muted).toBe(true);
  });
});

describe('proactive invitations', () => {
  it('shows a pending invitation and answers it by starting the chat with the agent', async () => {
    const { store, server } = await setup();
    server.handlers['conversation:current'] = () => ({
      conversation: null,
      messages: [],
      invitation,
    });
    const starts: unknown[] = [];
    server.handlers['conversation:start'] = (input: unknown) => {
      starts.push(input);
      return { conversation: { ...conv('c1', 'active'), lastSeq: 1 } };
    };
    server.handlers['message:send'] = () => ack(2);
    server.handlers['sync'] = () => ({
      conversations: [{ conversation: conv('c1', 'active'), messages: [invitationMessage('c1')] }],
    });
    server.connect();
    await settle();
    expect(store.getState().invitation).toEqual(invitation);

    store.send('Yes please, size M?');
    await settle();
    expect(starts).toEqual([{ invitationId: 'inv1' }]);
    expect(server.names()).toContain('message:send');
    // Until the server's copy arrives, the invitation stands in for the agent's message...
    expect(store.getState().invitation).toMatchObject({ status: 'accepted', conversationId: 'c1' });
    await settle();
    // ...then it gives way to it.
    expect(store.getState().messages.map((m) => m.body)).toEqual([
      invitation.message,
      'Yes please, size M?',
    ]);
    expect(store.getState().invitation).toBeNull();
  });

  it('skips the survey and the department question for a reply to an invitation', async () => {
    const { store, server } = await setup();
    server.handlers['widget:config'] = () => ({
      ...config,
      departments: [
        { id: 'sales', name: 'Sales' },
        { id: 'support', name: 'Support' },
      ],
      prechatFields: [{ id: 'name', kind: 'name', label: '', required: true }],
    });
    server.handlers['conversation:current'] = () => ({
      conversation: null,
      messages: [],
      invitation,
    });
    server.handlers['conversation:start'] = () => ({ conversation: conv('c1', 'active') });
    server.handlers['message:send'] = () => ack(2);
    server.connect();
    await settle();
    store.send('Hello');
    await settle();
    expect(store.getState().askDepartment).toBe(false);
    expect(server.calls.find((c) => c.name === 'conversation:start')?.payload).toEqual({
      invitationId: 'inv1',
    });
  });

  it('still delivers the reply when the agent withdrew the invitation meanwhile', async () => {
    const { store, server } = await setup();
    server.handlers['conversation:current'] = () => ({
      conversation: null,
      messages: [],
      invitation,
    });
    const starts: unknown[] = [];
    server.handlers['conversation:start'] = (input: { invitationId?: string }) => {
      starts.push(input);
      if (input.invitationId) throw new RequestError('NOT_FOUND');
      return { conversation: conv('c1') };
    };
    server.handlers['message:send'] = () => ack(1);
    server.connect();
    await settle();
    store.send('Hello?');
    await settle();
    expect(starts).toEqual([{ invitationId: 'inv1' }, {}]);
    expect(store.getState().pending).toEqual([]);
    expect(store.getState().invitation).toBeNull();
  });

  it('opens the chat for an invitation that arrives live', async () => {
    const { store, server, signals } = await setup();
    server.connect();
    await settle();
    server.events.invitation(invitation);
    expect(store.getState().invitation).toEqual(invitation);
    expect(signals.map((s) => s.type)).toEqual(['open', 'chime']);
    // Withdrawn by the agent: it goes away.
    server.events.invitation({ ...invitation, status: 'cancelled' });
    expect(store.getState().invitation).toBeNull();
  });

  it('declines with "No thanks", and when the visitor minimizes the chat it was shown in', async () => {
    const { store, server } = await setup();
    server.handlers['invitation:decline'] = () => ({});
    server.connect();
    await settle();
    server.events.invitation(invitation);
    store.declineInvitation();
    expect(store.getState().invitation).toBeNull();

    server.events.invitation({ ...invitation, id: 'inv2' });
    // Closed before it was ever shown: not an answer.
    store.setHostOpen(false);
    expect(store.getState().invitation?.id).toBe('inv2');
    store.setHostOpen(true);
    store.setHostOpen(false);
    expect(store.getState().invitation).toBeNull();
    await settle();
    expect(
      server.calls.filter((c) => c.name === 'invitation:decline').map((c) => c.payload),
    ).toEqual([{ invitationId: 'inv1' }, { invitationId: 'inv2' }]);
  });
});

describe('pre-chat survey', () => {
  const fields: PrechatField[] = [
    { id: 'name', kind: 'name', label: '', required: true },
    { id: 'dept', kind: 'department', label: '', required: true },
    { id: 'order', kind: 'text', label: 'Order number', required: false },
  ];
  const surveyed = {
    ...config,
    departments: [
      { id: 'sales', name: 'Sales' },
      { id: 'support', name: 'Support' },
    ],
    prechatFields: fields,
  };

  it('starts the chat with the answers, and only then sends what the visitor wrote', async () => {
    const { store, server } = await setup();
    server.handlers['widget:config'] = () => surveyed;
    server.handlers['conversation:start'] = () => ({ conversation: conv('c1') });
    server.handlers['message:send'] = () => ack(1);
    server.connect();
    await settle();
    // A message from before (say, a retry) waits for the survey instead of starting a chat.
    store.send('Where is my parcel?');
    await settle();
    expect(server.names()).not.toContain('conversation:start');

    const outcome = await store.submitPrechat({ name: 'Ana', dept: 'support', order: 'A-1001' });
    expect(outcome).toEqual({ ok: true });
    expect(server.calls.find((c) => c.name === 'conversation:start')?.payload).toEqual({
      departmentId: 'support',
      prechat: { name: 'Ana', order: 'A-1001' },
    });
    await settle();
    expect(store.getState().conversation?.id).toBe('c1');
    expect(server.names()).toContain('message:send');
  });

  it('returns the server’s field problems', async () => {
    const { store, server } = await setup();
    server.handlers['widget:config'] = () => surveyed;
    server.handlers['conversation:start'] = () => {
      throw new RequestError('VALIDATION_FAILED', 'bad', { 'prechat.name': 'too long' });
    };
    server.connect();
    await settle();
    expect(await store.submitPrechat({ name: 'x', dept: 'sales' })).toEqual({
      ok: false,
      code: 'VALIDATION_FAILED',
      details: { 'prechat.name': 'too long' },
    });
    expect(store.getState().conversation).toBeNull();
  });
});

describe('after the chat', () => {
  async function ended() {
    const ctx = await setup();
    ctx.server.handlers['conversation:current'] = () => ({
      conversation: { ...conv('c1', 'closed'), agent: { id: 'a1', name: 'Ana', avatarUrl: null } },
      messages: [msg('c1', 1)],
      invitation: null,
    });
    ctx.server.connect();
    await settle();
    return ctx;
  }

  it('rates the ended chat, with or without a comment, and may change it', async () => {
    const { store, server } = await ended();
    server.handlers['conversation:rate'] = (p: { rating: 'good' | 'bad'; comment?: string }) => ({
      conversation: {
        ...conv('c1', 'closed'),
        rating: { value: p.rating, comment: p.comment ?? null, at: '2025-01-01T11:00:00.000Z' },
      },
    });
    expect(await store.rate('good', '  ')).toEqual({ ok: true });
    expect(store.getState().conversation?.rating?.value).toBe('good');
    await store.rate('bad', ' Took too long ');
    expect(
      server.calls.filter((c) => c.name === 'conversation:rate').map((c) => c.payload),
    ).toEqual([
      { conversationId: 'c1', rating: 'good' },
      { conversationId: 'c1', rating: 'bad', comment: 'Took too long' },
    ]);
    expect(store.getState().conversation?.rating).toMatchObject({
      value: 'bad',
      comment: 'Took too long',
    });
    expect(store.getState().conversation?.status).toBe('closed');
  });

  it('emails the transcript and says where it went', async () => {
    const { store, server } = await ended();
    server.handlers['conversation:transcript'] = (p: { email: string }) => ({ sentTo: p.email });
    expect(await store.sendTranscript(' ana@example.com ')).toEqual({
      ok: true,
      sentTo: 'ana@example.com',
    });
    server.handlers['conversation:transcript'] = () => {
      throw new RequestError('RATE_LIMITED');
    };
    expect(await store.sendTranscript('ana@example.com')).toMatchObject({
      ok: false,
      code: 'RATE_LIMITED',
    });
  });
});

describe('your details', () => {
  it('sends only what the visitor changed, so a verified email keeps its lock', async () => {
    const { store, server } = await setup();
    server.handlers['visitor:me'] = () => ({
      visitor: { ...me, name: 'Ana', email: 'ana@example.com', verified: ['email'] },
    });
    server.handlers['visitor:update'] = (p: { name?: string | null }) => ({
      visitor: { ...me, name: p.name ?? null, email: 'ana@example.com', verified: ['email'] },
    });
    server.connect();
    await settle();
    expect(await store.updateVisitor({ name: 'Ana Souza', email: 'ana@example.com' })).toEqual({
      ok: true,
    });
    expect(server.calls.find((c) => c.name === 'visitor:update')?.payload).toEqual({
      name: 'Ana Souza',
    });
    expect(store.getState().visitor?.name).toBe('Ana Souza');
    // Nothing changed: nothing sent.
    await store.updateVisitor({ name: 'Ana Souza', email: 'ana@example.com' });
    expect(server.names().filter((n) => n === 'visitor:update')).toHaveLength(1);
  });

  it('follows identify() from the page (pushed by the server)', async () => {
    const { store, server } = await setup();
    server.connect();
    await settle();
    server.events.visitor({ ...me, name: 'Ana', verified: ['name'] });
    expect(store.getState().visitor).toMatchObject({ name: 'Ana', verified: ['name'] });
  });
});

describe('language', () => {
  it('loads Parley.setLanguage’s, else the site’s, else the browser’s language', async () => {
    const loaded: WidgetLanguage[] = [];
    const loadLanguage = vi.fn(async (l: WidgetLanguage) => void loaded.push(l));
    const server = new FakeServer();
    server.handlers['widget:config'] = () => ({ ...config, language: 'fr' });
    const { store } = await setup(memoryStorage(), server, {
      loadLanguage,
      browserLanguages: () => ['de-AT', 'en'],
    });
    // Before the site's config is known: the browser's.
    await vi.waitFor(() => expect(store.getState().lang).toBe('de'));
    server.connect();
    await vi.waitFor(() => expect(store.getState().lang).toBe('fr'));
    store.setLanguage('ar');
    await vi.waitFor(() => expect(store.getState().lang).toBe('ar'));
    store.setLanguage(null);
    await vi.waitFor(() => expect(store.getState().lang).toBe('fr'));
    expect(loaded).toEqual(['de', 'fr', 'ar', 'fr']);
  });
});
