import type {
  Ban,
  Conversation,
  LiveVisitor,
  Message,
  ProactiveInvitation,
  SiteSummary,
  VisitorConversation,
  VisitorDetails,
  VisitorSelf,
  WidgetConfig,
} from '@parley/protocol';
import fs from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import type { Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signIdentityToken } from '../domain/identityToken.js';
import {
  agentFetch,
  connectAgent,
  connectVisitor,
  connected,
  newVisitor,
  nextEvent,
  ok,
  openLive,
  request,
  signIn,
  visitorFetch,
  type LiveStream,
} from '../test/server.js';
import { useTestServer } from '../test/fixture.js';
import { dialects } from '../test/storage.js';

const rnd = () => Math.random().toString(36).slice(2, 12);
const pv = () => `pv-${rnd()}${rnd()}`;
const cid = () => `client-${rnd()}`;
const CHROME_WINDOWS =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';

describe.each(dialects)('knowing the visitor (%s)', (dialect) => {
  const t = useTestServer(dialect);
  let agentSocket: Socket;
  const cleanup: Array<() => void> = [];

  const site = async (): Promise<SiteSummary> => {
    const res = await agentFetch(t.server.url, t.admin, '/sites');
    const { sites } = (await res.json()) as { sites: SiteSummary[] };
    return sites.find((s) => s.key === t.server.siteKey)!;
  };
  const patchSite = async (body: object) => {
    const s = await site();
    const res = await agentFetch(t.server.url, t.admin, `/sites/${s.id}`, {
      method: 'PATCH',
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { site: SiteSummary }).site;
  };
  const visitorSocket = async (token: string) => {
    const s = connectVisitor(t.server.url, token);
    cleanup.push(() => s.disconnect());
    await connected(s);
    return s;
  };
  const live = (token: string, url: string, title = 'Page', extra: object = {}) => {
    const stream = openLive(
      t.server.url,
      { t: token, pv: pv(), url, title, lang: 'de-DE', tz: 'Europe/Berlin', ...extra },
      { 'user-agent': CHROME_WINDOWS },
    );
    cleanup.push(() => stream.close());
    return stream;
  };
  const updatesOf = (visitorId: string, match: (v: LiveVisitor) => boolean) =>
    nextEvent<LiveVisitor>(agentSocket, 'visitor:updated', (v) => v.id === visitorId && match(v));

  beforeAll(async () => {
    agentSocket = connectAgent(t.server.url, t.admin);
    await connected(agentSocket);
    await ok(agentSocket, 'agent:status', { status: 'online' });
  });
  afterEach(() => {
    for (const c of cleanup.splice(0)) c();
  });
  afterAll(() => {
    agentSocket.disconnect();
  });

  it('lists a browsing visitor live: pages, navigation, language, browser, and leaving', async () => {
    await ok(agentSocket, 'visitors:list');
    const { token, visitorId } = await newVisitor(t.server.url, t.server.siteKey);

    const arrived = updatesOf(visitorId, (v) => v.online && v.currentPage !== null);
    const first = live(token, 'https://shop.example/', 'Home', {
      ref: 'https://search.example/?q=planters',
    });
    await first.next('ready');
    const v1 = await arrived;
    expect(v1).toMatchObject({
      state: 'browsing',
      language: 'de-DE',
      visits: 1,
      pageViews: 1,
      referrer: 'https://search.example/?q=planters',
      currentPage: { url: 'https://shop.example/', title: 'Home' },
      device: { browser: 'Chrome 120', type: 'desktop' },
      location: { timeZone: 'Europe/Berlin' },
      banned: false,
    });
    expect(v1.code).toMatch(/^#\d{4}$/);
    expect(v1.device.os).toMatch(/^Windows/);

    // The next page opens its stream before the old one closes, as browsers do.
    const moved = updatesOf(visitorId, (v) => v.currentPage?.title === 'Planter');
    const second = live(token, 'https://shop.example/products/planter', 'Planter');
    first.close();
    await second.next('ready');
    expect((await moved).pageViews).toBe(2);

    const { visitors } = await ok<{ visitors: LiveVisitor[] }>(agentSocket, 'visitors:list');
    expect(visitors.find((v) => v.id === visitorId)?.online).toBe(true);

    const { visitor } = await ok<{ visitor: VisitorDetails }>(agentSocket, 'visitor:get', {
      visitorId,
    });
    expect(visitor.navigation.map((p) => p.title)).toEqual(['Planter', 'Home']);

    const left = updatesOf(visitorId, (v) => !v.online);
    second.close();
    expect((await left).currentPage?.title).toBe('Planter');
  });

  it('pushes the number of visitors on the sites to every agent', async () => {
    // Everything earlier tests opened is closed: wait until the server has seen them go.
    await expect
      .poll(async () => (await t.server.app.deps.presence.onlineVisitorIds()).length)
      .toBe(0);
    const second = connectAgent(t.server.url, t.admin);
    cleanup.push(() => second.disconnect());
    const initial = nextEvent<{ online: number }>(second, 'visitors:count');
    await connected(second);
    expect(await initial).toEqual({ online: 0 });

    const { token } = await newVisitor(t.server.url, t.server.siteKey);
    const one = nextEvent<{ online: number }>(second, 'visitors:count', (e) => e.online === 1);
    const stream = live(token, 'https://shop.example/', 'Home');
    await stream.next('ready');
    await one;
    const none = nextEvent<{ online: number }>(second, 'visitors:count', (e) => e.online === 0);
    stream.close();
    await none;
  });

  it('does not count a reconnecting page twice', async () => {
    const { token, visitorId } = await newVisitor(t.server.url, t.server.siteKey);
    const id = pv();
    const params = { t: token, pv: id, url: 'https://shop.example/a', title: 'A' };
    const a = openLive(t.server.url, params);
    cleanup.push(() => a.close());
    await a.next('ready');
    a.close();
    const b = openLive(t.server.url, params);
    cleanup.push(() => b.close());
    await b.next('ready');
    const { visitor } = await ok<{ visitor: VisitorDetails }>(agentSocket, 'visitor:get', {
      visitorId,
    });
    expect(visitor.pageViews).toBe(1);
    expect(visitor.navigation).toHaveLength(1);
  });

  it('refuses an unknown token on the page stream with a readable code', async () => {
    const stream = openLive(t.server.url, { t: 'nope', pv: pv(), url: 'https://shop.example/' });
    expect(await stream.next<{ code: string }>('refused')).toEqual({ code: 'UNAUTHENTICATED' });
  });

  it('identify(): plain details prefill, a signed identity is verified, a forged one changes nothing', async () => {
    const { token, visitorId } = await newVisitor(t.server.url, t.server.siteKey);
    const identify = (body: object) =>
      visitorFetch(t.server.url, token, '/widget/identify', {
        method: 'POST',
        body: JSON.stringify(body),
      });

    const plain = await identify({
      name: 'Ada',
      email: 'ADA@example.com',
      attributes: { plan: 'pro' },
    });
    expect(plain.status).toBe(200);
    expect(plain.headers.get('access-control-allow-origin')).toBe('*');
    expect(((await plain.json()) as { visitor: VisitorSelf }).visitor).toMatchObject({
      name: 'Ada',
      email: 'ada@example.com',
      verified: [],
    });

    const secret = (await site()).identitySecret!;
    expect(secret).toBeTruthy();
    const jwt = await signIdentityToken(
      {
        name: 'Ada Lovelace',
        email: 'ada@lovelace.example',
        customerId: 'C-42',
        exp: Math.floor(Date.now() / 1000) + 600,
      },
      secret,
    );
    const signed = await identify({ jwt });
    expect(signed.status).toBe(200);
    const self = ((await signed.json()) as { visitor: VisitorSelf }).visitor;
    expect(self.name).toBe('Ada Lovelace');
    expect(self.verified.sort()).toEqual(['customerId', 'email', 'name']);

    const { visitor } = await ok<{ visitor: VisitorDetails }>(agentSocket, 'visitor:get', {
      visitorId,
    });
    expect(visitor.attributes).toEqual(
      expect.arrayContaining([
        { key: 'plan', value: 'pro', verified: false },
        { key: 'customerId', value: 'C-42', verified: true },
      ]),
    );

    const forged = await signIdentityToken(
      { name: 'Mallory', email: 'boss@shop.example', exp: Math.floor(Date.now() / 1000) + 600 },
      'not-the-secret',
    );
    const refused = await identify({ jwt: forged, name: 'Mallory' });
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe(
      'IDENTITY_INVALID',
    );
    const after = await ok<{ visitor: VisitorDetails }>(agentSocket, 'visitor:get', { visitorId });
    expect(after.visitor.name).toBe('Ada Lovelace');
    expect(after.visitor.verified.sort()).toEqual(['customerId', 'email', 'name']);

    // Editing a verified name keeps the new name but drops its lock.
    const socket = await visitorSocket(token);
    const edited = await ok<{ visitor: VisitorSelf }>(socket, 'visitor:update', { name: 'Ada L.' });
    expect(edited.visitor.verified.sort()).toEqual(['customerId', 'email']);
  });

  it('with "require verified identity" on, an unsigned identify is refused and nothing is stored', async () => {
    await patchSite({ requireVerifiedIdentity: true });
    try {
      const { token, visitorId } = await newVisitor(t.server.url, t.server.siteKey);
      const res = await visitorFetch(t.server.url, token, '/widget/identify', {
        method: 'POST',
        body: JSON.stringify({ name: 'Eve', email: 'eve@example.com' }),
      });
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
        'IDENTITY_REQUIRED',
      );
      const { visitor } = await ok<{ visitor: VisitorDetails }>(agentSocket, 'visitor:get', {
        visitorId,
      });
      expect(visitor.name).toBeNull();
      expect(visitor.email).toBeNull();
    } finally {
      await patchSite({ requireVerifiedIdentity: false });
    }
  });

  it('with "require verified identity" on, name and email come only from the signed identity', async () => {
    await patchSite({ requireVerifiedIdentity: true });
    try {
      const secret = (await site()).identitySecret!;
      const { token, visitorId } = await newVisitor(t.server.url, t.server.siteKey);
      const jwt = await signIdentityToken(
        {
          name: 'Vera Signed',
          email: 'vera@shop.example',
          exp: Math.floor(Date.now() / 1000) + 600,
        },
        secret,
      );
      // Plain fields beside the token are not taken.
      const res = await visitorFetch(t.server.url, token, '/widget/identify', {
        method: 'POST',
        body: JSON.stringify({ jwt, name: 'Mallory', email: 'mallory@evil.example' }),
      });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { visitor: VisitorSelf }).visitor).toMatchObject({
        name: 'Vera Signed',
        email: 'vera@shop.example',
      });

      const socket = await visitorSocket(token);
      const rename = await request(socket, 'visitor:update', { name: 'Mallory' });
      expect(!rename.ok && rename.error.code).toBe('IDENTITY_REQUIRED');

      // The message form's name and email give way to the verified ones.
      await ok(socket, 'ticket:create', {
        name: 'Mallory',
        email: 'mallory@evil.example',
        message: 'Call me back, please.',
      });
      const tickets = (await (await agentFetch(t.server.url, t.admin, '/tickets')).json()) as {
        tickets: Array<{ name: string; email: string; message: string }>;
      };
      expect(tickets.tickets.find((t) => t.message === 'Call me back, please.')).toMatchObject({
        name: 'Vera Signed',
        email: 'vera@shop.example',
      });
      const { visitor } = await ok<{ visitor: VisitorDetails }>(agentSocket, 'visitor:get', {
        visitorId,
      });
      expect(visitor).toMatchObject({ name: 'Vera Signed', email: 'vera@shop.example' });
    } finally {
      await patchSite({ requireVerifiedIdentity: false });
    }
  });

  it('an email typed by another visitor never reaches the first visitor’s conversations', async () => {
    const a = await newVisitor(t.server.url, t.server.siteKey);
    const aSocket = await visitorSocket(a.token);
    await ok(aSocket, 'visitor:update', { email: 'shared@example.com' });
    const { conversation } = await ok<{ conversation: VisitorConversation }>(
      aSocket,
      'conversation:start',
      {},
    );
    await ok(aSocket, 'message:send', {
      conversationId: conversation.id,
      clientId: cid(),
      body: 'my secret order',
    });

    const b = await newVisitor(t.server.url, t.server.siteKey);
    const bSocket = await visitorSocket(b.token);
    await ok(bSocket, 'visitor:update', { email: 'shared@example.com' });
    const current = await ok<{ conversation: VisitorConversation | null; messages: Message[] }>(
      bSocket,
      'conversation:current',
    );
    expect(current.conversation).toBeNull();
    const res = await visitorFetch(
      t.server.url,
      b.token,
      `/widget/conversations/${conversation.id}/messages`,
    );
    expect(res.status).toBe(404);
    await ok(aSocket, 'conversation:close', { conversationId: conversation.id });
  });

  it('pre-chat survey: required fields are checked, answers shown to agents, name and email kept', async () => {
    await patchSite({
      prechatFields: [
        { id: 'name', kind: 'name', required: true },
        { id: 'email', kind: 'email', required: true },
        { id: 'order', kind: 'text', label: 'Order number', required: false },
      ],
    });
    try {
      const config = (await (
        await fetch(`${t.server.url}/api/v1/widget/config?siteKey=${t.server.siteKey}`)
      ).json()) as { config: WidgetConfig };
      expect(config.config.prechatFields.map((f) => f.id)).toEqual(['name', 'email', 'order']);

      const { token, visitorId } = await newVisitor(t.server.url, t.server.siteKey);
      const socket = await visitorSocket(token);
      const bad = await request(socket, 'conversation:start', {
        prechat: { email: 'not-an-email' },
      });
      expect(bad.ok).toBe(false);
      if (!bad.ok) {
        expect(bad.error.code).toBe('VALIDATION_FAILED');
        expect(bad.error.details).toEqual({
          'prechat.name': 'required',
          'prechat.email': 'must be an email address',
        });
      }
      const waiting = nextEvent<Conversation>(
        agentSocket,
        'conversation:updated',
        (c) => c.visitor.id === visitorId,
      );
      await ok(socket, 'conversation:start', {
        prechat: { name: 'Grace', email: 'grace@example.com', order: 'A-1001' },
      });
      const c = await waiting;
      expect(c.prechat).toEqual([
        { label: 'Name', value: 'Grace' },
        { label: 'Email', value: 'grace@example.com' },
        { label: 'Order number', value: 'A-1001' },
      ]);
      expect(c.visitor).toMatchObject({ name: 'Grace', email: 'grace@example.com' });
      await ok(socket, 'conversation:close', { conversationId: c.id });
    } finally {
      await patchSite({ prechatFields: [] });
    }
  });

  it('proactive invitation: pushed to the page, answered, and the chat belongs to the inviting agent', async () => {
    const { token, visitorId } = await newVisitor(t.server.url, t.server.siteKey);
    const stream = live(token, 'https://shop.example/products/lamp', 'Lamp');
    await stream.next('ready');

    const invited = await ok<{ invitation: ProactiveInvitation }>(agentSocket, 'visitor:invite', {
      visitorId,
      message: 'Hi! Can I help you choose a lamp?',
    });
    expect(invited.invitation.status).toBe('pending');
    const pushed = await stream.next<ProactiveInvitation>('invitation');
    expect(pushed).toMatchObject({
      id: invited.invitation.id,
      message: 'Hi! Can I help you choose a lamp?',
    });

    const twice = await request(agentSocket, 'visitor:invite', {
      visitorId,
      message: 'Hello again',
    });
    expect(!twice.ok && twice.error.code).toBe('INVITATION_PENDING');

    const socket = await visitorSocket(token);
    const current = await ok<{ invitation: ProactiveInvitation | null }>(
      socket,
      'conversation:current',
    );
    expect(current.invitation?.id).toBe(invited.invitation.id);

    const accepted = nextEvent<ProactiveInvitation>(
      agentSocket,
      'proactive:updated',
      (i) => i.status === 'accepted',
    );
    const { conversation } = await ok<{ conversation: VisitorConversation }>(
      socket,
      'conversation:start',
      {
        invitationId: invited.invitation.id,
      },
    );
    expect(conversation.status).toBe('active');
    expect(conversation.agent?.id).toBe(t.admin.agentId);
    await ok(socket, 'message:send', {
      conversationId: conversation.id,
      clientId: cid(),
      body: 'Yes please',
    });
    expect((await accepted).conversationId).toBe(conversation.id);

    const { messages } = await ok<{ conversation: Conversation; messages: Message[] }>(
      agentSocket,
      'conversation:watch',
      { conversationId: conversation.id },
    );
    expect(messages.map((m) => [m.author.type, m.body])).toEqual([
      ['agent', 'Hi! Can I help you choose a lamp?'],
      ['visitor', 'Yes please'],
    ]);
    const watched = await ok<{ conversation: Conversation }>(agentSocket, 'conversation:watch', {
      conversationId: conversation.id,
    });
    expect(watched.conversation.invited).toBe(true);
    expect(watched.conversation.startPage?.title).toBe('Lamp');
    await ok(agentSocket, 'conversation:close', { conversationId: conversation.id });
  });

  it('an invitation needs an Online agent, and the visitor may decline it', async () => {
    const { token, visitorId } = await newVisitor(t.server.url, t.server.siteKey);
    await ok(agentSocket, 'agent:status', { status: 'away' });
    const refused = await request(agentSocket, 'visitor:invite', { visitorId, message: 'Hi' });
    expect(!refused.ok && refused.error.code).toBe('FORBIDDEN');
    await ok(agentSocket, 'agent:status', { status: 'online' });

    const { invitation } = await ok<{ invitation: ProactiveInvitation }>(
      agentSocket,
      'visitor:invite',
      {
        visitorId,
        message: 'Hi',
      },
    );
    const socket = await visitorSocket(token);
    const declined = nextEvent<ProactiveInvitation>(
      agentSocket,
      'proactive:updated',
      (i) => i.id === invitation.id,
    );
    await ok(socket, 'invitation:decline', { invitationId: invitation.id });
    expect((await declined).status).toBe('declined');
    const late = await request(socket, 'conversation:start', { invitationId: invitation.id });
    expect(!late.ok && late.error.code).toBe('NOT_FOUND');
  });

  it('ban: the chat ends, chats and messages are refused neutrally, the ban is listed and lifted', async () => {
    const { token, visitorId } = await newVisitor(t.server.url, t.server.siteKey);
    const stream = live(token, 'https://shop.example/', 'Home');
    await stream.next('ready');
    const socket = await visitorSocket(token);
    const { conversation } = await ok<{ conversation: VisitorConversation }>(
      socket,
      'conversation:start',
      {},
    );
    await ok(agentSocket, 'conversation:accept', { conversationId: conversation.id });

    const closed = nextEvent<VisitorConversation>(
      socket,
      'conversation:updated',
      (c) => c.status === 'closed',
    );
    const { ban } = await ok<{ ban: Ban }>(agentSocket, 'visitor:ban', {
      visitorId,
      reason: 'Abusive language',
      durationMinutes: 60,
      includeIp: true,
    });
    expect(ban).toMatchObject({ reason: 'Abusive language', ip: expect.any(String) });
    await closed;

    const again = await request(socket, 'conversation:start', {});
    expect(!again.ok && again.error).toMatchObject({
      code: 'BANNED',
      message: 'Chat is not available right now.',
    });
    const send = await request(socket, 'message:send', {
      conversationId: conversation.id,
      clientId: cid(),
      body: 'hello?',
    });
    expect(send.ok).toBe(false);
    const ticket = await request(socket, 'ticket:create', {
      name: 'X',
      email: 'x@example.com',
      message: 'let me in',
    });
    expect(!ticket.ok && ticket.error.code).toBe('BANNED');

    // The same address is banned too: a fresh identity from it cannot chat either.
    const other = await newVisitor(t.server.url, t.server.siteKey);
    const otherStream = live(other.token, 'https://shop.example/', 'Home');
    await otherStream.next('ready');
    const otherSocket = await visitorSocket(other.token);
    const otherStart = await request(otherSocket, 'conversation:start', {});
    expect(!otherStart.ok && otherStart.error.code).toBe('BANNED');

    const list = await agentFetch(t.server.url, t.admin, '/bans');
    const { bans } = (await list.json()) as { bans: Ban[] };
    expect(bans.map((b) => b.id)).toContain(ban.id);
    const lifted = await agentFetch(t.server.url, t.admin, `/bans/${ban.id}`, { method: 'DELETE' });
    expect(lifted.status).toBe(204);
    const started = await ok<{ conversation: VisitorConversation }>(
      socket,
      'conversation:start',
      {},
    );
    await ok(socket, 'conversation:close', { conversationId: started.conversation.id });
  });

  it('rating after the chat, and a transcript mail without private messages', async () => {
    const { token } = await newVisitor(t.server.url, t.server.siteKey);
    const socket = await visitorSocket(token);
    const { conversation } = await ok<{ conversation: VisitorConversation }>(
      socket,
      'conversation:start',
      {},
    );
    await ok(socket, 'message:send', {
      conversationId: conversation.id,
      clientId: cid(),
      body: 'Where is my <b>order</b>?',
    });
    await ok(agentSocket, 'message:send', {
      conversationId: conversation.id,
      clientId: cid(),
      body: 'Internal: customer is a reseller',
      visibility: 'private',
    });
    await ok(agentSocket, 'message:send', {
      conversationId: conversation.id,
      clientId: cid(),
      body: 'It ships today.',
    });

    const early = await request(socket, 'conversation:rate', {
      conversationId: conversation.id,
      rating: 'good',
    });
    expect(!early.ok && early.error.code).toBe('VALIDATION_FAILED');

    const outbox = path.join(t.server.app.deps.config.dataDir, 'outbox');
    const before = fs.existsSync(outbox) ? fs.readdirSync(outbox).length : 0;
    const sent = await ok<{ sentTo: string }>(socket, 'conversation:transcript', {
      conversationId: conversation.id,
      email: 'me@example.com',
      language: 'es',
    });
    expect(sent.sentTo).toBe('me@example.com');
    const files = fs.readdirSync(outbox).filter((f) => f.endsWith('.eml'));
    expect(files.length).toBe(before + 1);
    const newest = files.sort().at(-1)!;
    const mail = await simpleParser(fs.readFileSync(path.join(outbox, newest)));
    expect(mail.to && 'text' in mail.to ? mail.to.text : '').toContain('me@example.com');
    // In the widget's language.
    expect(mail.subject).toBe('Tu chat con Demo shop');
    expect(mail.text).toContain('It ships today.');
    expect(mail.text).toContain('Where is my <b>order</b>?');
    expect(mail.text).not.toContain('reseller');
    expect(String(mail.html)).not.toContain('reseller');
    expect(String(mail.html)).not.toContain('<b>order</b>');

    const ended = nextEvent<Message>(socket, 'message:new', (m) => m.author.type === 'system');
    await ok(socket, 'conversation:close', { conversationId: conversation.id });
    // The line says what happened, so the widget can say it in the visitor's language.
    expect((await ended).system).toEqual({ event: 'ended_by_visitor' });
    const rated = nextEvent<Conversation>(
      agentSocket,
      'conversation:updated',
      (c) => c.id === conversation.id && c.rating !== null,
    );
    const res = await ok<{ conversation: VisitorConversation }>(socket, 'conversation:rate', {
      conversationId: conversation.id,
      rating: 'bad',
      comment: 'Too slow',
    });
    expect(res.conversation.rating).toMatchObject({ value: 'bad', comment: 'Too slow' });
    expect((await rated).rating).toMatchObject({ value: 'bad', comment: 'Too slow' });
  });

  it('"Send to page" posts a product card from an allowed origin only and the visitor receives it', async () => {
    const { token } = await newVisitor(t.server.url, t.server.siteKey);
    const socket = await visitorSocket(token);
    const { conversation } = await ok<{ conversation: VisitorConversation }>(
      socket,
      'conversation:start',
      {},
    );
    await ok(agentSocket, 'conversation:accept', { conversationId: conversation.id });

    const outside = await request(agentSocket, 'conversation:sendPage', {
      conversationId: conversation.id,
      clientId: cid(),
      url: 'https://elsewhere.example/product',
    });
    expect(!outside.ok && outside.error.code).toBe('URL_NOT_ALLOWED');

    await patchSite({ allowedOrigins: [t.server.url] });
    try {
      const html = await (await fetch(`${t.server.url}/demo`)).text();
      const productPath = /href="(\/demo\/products\/[^"]+)"/.exec(html)![1]!;
      const arrives = nextEvent<Message>(socket, 'message:new', (m) => m.kind === 'card');
      await ok(agentSocket, 'conversation:sendPage', {
        conversationId: conversation.id,
        clientId: cid(),
        url: `${t.server.url}${productPath}`,
      });
      const card = (await arrives).card!;
      expect(card.url).toBe(`${t.server.url}${productPath}`);
      expect(card.title).not.toBe('');
      expect(card.price).toMatch(/\$\d/);
      expect(card.image).toMatch(new RegExp(`^${t.server.url}/demo/images/`));
    } finally {
      await patchSite({ allowedOrigins: [] });
      await ok(agentSocket, 'conversation:close', { conversationId: conversation.id });
    }
  });

  it('site settings are for admins, and the widget config follows them', async () => {
    const s = await site();
    const agentLogin = await (async () => {
      const res = await agentFetch(t.server.url, t.admin, '/agents', {
        method: 'POST',
        body: JSON.stringify({
          email: `a-${rnd()}@example.com`,
          name: 'Plain Agent',
          password: 'long-enough-pw',
          role: 'agent',
        }),
      });
      const { agent } = (await res.json()) as { agent: { email: string } };
      return signIn(t.server.url, agent.email, 'long-enough-pw');
    })();
    const forbidden = await agentFetch(t.server.url, agentLogin, `/sites/${s.id}`, {
      method: 'PATCH',
      body: JSON.stringify({ language: 'fr' }),
    });
    expect(forbidden.status).toBe(403);
    const listed = await agentFetch(t.server.url, agentLogin, '/sites');
    const mine = ((await listed.json()) as { sites: SiteSummary[] }).sites.find(
      (x) => x.id === s.id,
    )!;
    expect(mine.identitySecret).toBeNull();

    const bad = await agentFetch(t.server.url, t.admin, `/sites/${s.id}`, {
      method: 'PATCH',
      body: JSON.stringify({ language: 'xx' }),
    });
    expect(bad.status).toBe(400);

    await patchSite({ language: 'ar' });
    const config = (await (
      await fetch(`${t.server.url}/api/v1/widget/config?siteKey=${t.server.siteKey}`)
    ).json()) as { config: WidgetConfig };
    expect(config.config.language).toBe('ar');
    await patchSite({ language: null });

    const regenerated = await agentFetch(t.server.url, t.admin, `/sites/${s.id}/identity-secret`, {
      method: 'POST',
    });
    const { site: renewed } = (await regenerated.json()) as { site: SiteSummary };
    expect(renewed.identitySecret).not.toBe(s.identitySecret);
  });

  it('an agent profile photo is sniffed, stored and served to visitors', async () => {
    // A 1x1 PNG.
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
      'base64',
    );
    const upload = (bytes: Buffer, name: string) => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(bytes)]), name);
      return fetch(`${t.server.url}/api/v1/agents/me/avatar`, {
        method: 'POST',
        headers: { cookie: t.admin.cookie, 'x-csrf-token': t.admin.csrfToken },
        body: form,
      });
    };
    const svg = await upload(
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      'me.png',
    );
    expect(svg.status).toBe(415);
    const res = await upload(png, 'me.png');
    expect(res.status).toBe(200);
    const { agent } = (await res.json()) as { agent: { avatarUrl: string } };
    const photo = await fetch(`${t.server.url}${agent.avatarUrl}`);
    expect(photo.status).toBe(200);
    expect(photo.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await photo.arrayBuffer()).equals(png)).toBe(true);
  });

  it('tells the visitor’s open tabs when their details change', async () => {
    const { token } = await newVisitor(t.server.url, t.server.siteKey);
    const tab = await visitorSocket(token);
    const updated = nextEvent<VisitorSelf>(tab, 'visitor:updated');
    await visitorFetch(t.server.url, token, '/widget/identify', {
      method: 'POST',
      body: JSON.stringify({ name: 'Lin' }),
    });
    expect((await updated).name).toBe('Lin');
    // The socket's own row follows: a message now carries the new name.
    const { conversation } = await ok<{ conversation: VisitorConversation }>(
      tab,
      'conversation:start',
      {},
    );
    const seen = nextEvent<Message>(
      agentSocket,
      'message:new',
      (m) => m.conversationId === conversation.id,
    );
    await ok(tab, 'message:send', { conversationId: conversation.id, clientId: cid(), body: 'hi' });
    expect((await seen).author.name).toBe('Lin');
    await ok(tab, 'conversation:close', { conversationId: conversation.id });
  });

  it('shows past chats to every agent, but their content only to those who may read them', async () => {
    const { token, visitorId } = await newVisitor(t.server.url, t.server.siteKey);
    const socket = await visitorSocket(token);
    const { conversation } = await ok<{ conversation: VisitorConversation }>(
      socket,
      'conversation:start',
      {},
    );
    await ok(socket, 'message:send', {
      conversationId: conversation.id,
      clientId: cid(),
      body: 'my address is 1 Elm St',
    });
    await ok(agentSocket, 'conversation:accept', { conversationId: conversation.id });
    await ok(agentSocket, 'conversation:close', { conversationId: conversation.id });

    const email = `plain-${rnd()}@example.com`;
    await agentFetch(t.server.url, t.admin, '/agents', {
      method: 'POST',
      body: JSON.stringify({ email, name: 'Plain', password: 'long-enough-pw', role: 'agent' }),
    });
    const plain = connectAgent(t.server.url, await signIn(t.server.url, email, 'long-enough-pw'));
    cleanup.push(() => plain.disconnect());
    await connected(plain);
    const seenByPlain = await ok<{ visitor: VisitorDetails }>(plain, 'visitor:get', { visitorId });
    expect(seenByPlain.visitor.conversations).toEqual([
      expect.objectContaining({ id: conversation.id, status: 'closed', lastMessage: null }),
    ]);
    const seenByAdmin = await ok<{ visitor: VisitorDetails }>(agentSocket, 'visitor:get', {
      visitorId,
    });
    expect(seenByAdmin.visitor.conversations[0]!.lastMessage).not.toBeNull();
  });

  it('forgets page views older than the navigation retention', async () => {
    const { token, visitorId } = await newVisitor(t.server.url, t.server.siteKey);
    const stream = live(token, 'https://shop.example/today', 'Today');
    await stream.next('ready');
    const day = 86_400_000;
    await t.storage.db
      .insertInto('page_views')
      .values({
        visitor_id: visitorId,
        id: pv(),
        url: 'https://shop.example/old',
        title: 'Old',
        at: Date.now() - 91 * day,
      })
      .execute();
    await t.server.app.router.tick();
    const { visitor } = await ok<{ visitor: VisitorDetails }>(agentSocket, 'visitor:get', {
      visitorId,
    });
    expect(visitor.navigation.map((p) => p.title)).toEqual(['Today']);
  });

  it('refuses a flood of page views from one visitor', async () => {
    const { token } = await newVisitor(t.server.url, t.server.siteKey);
    for (let i = 0; i < 60; i++) {
      const page = openLive(t.server.url, { t: token, pv: pv(), url: `https://shop.example/${i}` });
      await page.next('ready');
      page.close();
    }
    const flood = openLive(t.server.url, { t: token, pv: pv(), url: 'https://shop.example/61' });
    expect(await flood.next<{ code: string }>('refused')).toEqual({ code: 'RATE_LIMITED' });
  });

  it('rejects bad input with stable codes', async () => {
    const { token, visitorId } = await newVisitor(t.server.url, t.server.siteKey);
    const socket = await visitorSocket(token);
    const cases: Array<[Socket, string, unknown]> = [
      [agentSocket, 'visitor:invite', { visitorId, message: '' }],
      [agentSocket, 'visitor:ban', { visitorId, reason: '', durationMinutes: 5 }],
      [agentSocket, 'visitor:get', { visitorId: '../etc' }],
      [socket, 'conversation:rate', { conversationId: 'x', rating: 'meh' }],
      [socket, 'conversation:transcript', { conversationId: 'x', email: 'nope' }],
      [socket, 'visitor:update', { email: 'nope' }],
    ];
    for (const [s, event, payload] of cases) {
      const res = await request(s, event, payload);
      expect(!res.ok && res.error.code, event).toBe('VALIDATION_FAILED');
    }
    const missing = await request(agentSocket, 'visitor:get', { visitorId: 'no-such-visitor' });
    expect(!missing.ok && missing.error.code).toBe('NOT_FOUND');
    const bad = await visitorFetch(t.server.url, token, '/widget/identify', {
      method: 'POST',
      body: JSON.stringify({ jwt: 'a.b' }),
    });
    expect(bad.status).toBe(401);
    const stream: LiveStream = openLive(t.server.url, { t: token, pv: 'short', url: 'x' });
    cleanup.push(() => stream.close());
    await stream.ended;
  });
});
