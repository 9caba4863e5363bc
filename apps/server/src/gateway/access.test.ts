import type { Conversation, LiveVisitor, SiteSummary } from '@parley/protocol';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  addMember,
  addSite,
  agentSocket,
  chatOn,
  mentions,
  spy,
  twoShops,
  type Member,
} from '../test/access.js';
import { useTestServer } from '../test/fixture.js';
import { agentCall, newVisitor, nextEvent, ok, openLive, request, until } from '../test/server.js';
import { dialects } from '../test/storage.js';

const cid = (n: string) => `client-${n}-${Math.random().toString(36).slice(2, 10)}`;

describe.each(dialects)('per-site access over sockets (%s)', (dialect) => {
  const t = useTestServer(dialect);
  let site1: SiteSummary;
  let site2: SiteSummary;
  let a: Member;
  let b: Member;
  let s: Member;

  beforeAll(async () => {
    ({ site1, site2, a, b, s } = await twoShops(t));
  });

  const offeredTo = async (conversationId: string) =>
    (
      await t.storage.db
        .selectFrom('offers')
        .select('agent_id')
        .where('conversation_id', '=', conversationId)
        .execute()
    ).map((o) => o.agent_id);

  it("counts only the visitors of the agent's sites on the Visitors badge", async () => {
    const admin = await agentSocket(t, t.admin);
    const ana = await agentSocket(t, a.login);
    const seen = spy(ana);
    const counts = () => seen.filter((e) => e.event === 'visitors:count');
    let adminLast = -1;
    admin.on('visitors:count', ({ online }: { online: number }) => (adminLast = online));
    const streams: Array<{ close(): void }> = [];
    for (const [i, key] of [site2.key, site2.key, site1.key].entries()) {
      const { token } = await newVisitor(t.server.url, key);
      const page = { t: token, pv: `pv-${i}-${Date.now()}`, url: 'https://shop.example/' };
      streams.push(openLive(t.server.url, page));
    }
    await until(admin, 'visitors:count', () => adminLast === 3);
    const anaLast = () => (counts().at(-1)?.payload as { online: number } | undefined)?.online;
    await until(ana, 'visitors:count', () => anaLast() === 1);
    expect(counts().every((e) => (e.payload as { online: number }).online <= 1)).toBe(true);
    for (const stream of streams) stream.close();
  });

  it("sends an agent nothing of another site's chats, and supervisors only their sites'", async () => {
    const ana = await agentSocket(t, a.login);
    const sue = await agentSocket(t, s.login);
    const ben = await agentSocket(t, b.login);
    const anaSaw = spy(ana);
    const sueSaw = spy(sue);
    const two = await chatOn(t, site2.key);
    const id2 = two.conversation.id;
    await ok(two.visitor, 'message:send', { conversationId: id2, clientId: cid('v'), body: 'Hi' });
    two.visitor.emit('typing', { conversationId: id2, typing: true });
    await ok(ben, 'conversation:accept', { conversationId: id2 });
    await ok(ben, 'message:send', {
      conversationId: id2,
      clientId: cid('note'),
      body: 'a note',
      visibility: 'private',
    });
    await ok(ben, 'message:send', { conversationId: id2, clientId: cid('r'), body: 'Hello' });
    const joined = await request(ana, 'conversation:watch', { conversationId: id2 });
    expect(joined).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    for (const event of ['conversation:accept', 'conversation:close'])
      expect(await request(ana, event, { conversationId: id2 })).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
    const sent = await request(ana, 'message:send', {
      conversationId: id2,
      clientId: cid('x'),
      body: 'not mine',
      visibility: 'private',
    });
    expect(sent).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    // A chat of site 1 afterwards: once it reaches both, nothing of site 2 is still on its way.
    const one = await chatOn(t, site1.key);
    await until(ana, 'conversation:updated', () => mentions(anaSaw, one.conversation.id));
    await until(sue, 'conversation:updated', () => mentions(sueSaw, one.conversation.id));
    await ok(one.visitor, 'message:send', {
      conversationId: one.conversation.id,
      clientId: cid('m'),
      body: 'marker',
    });
    await until(ana, 'message:new', () => mentions(anaSaw, 'marker'));
    await until(sue, 'message:new', () => mentions(sueSaw, 'marker'));
    expect(mentions(anaSaw, id2)).toBe(false);
    expect(mentions(sueSaw, id2)).toBe(false);
    expect(mentions(anaSaw, two.visitorId)).toBe(false);
  });

  it('offers a chat of site 2 only to its agents, and keeps it queued while none is online', async () => {
    const ana = await agentSocket(t, a.login, { online: true });
    const waiting = await chatOn(t, site2.key);
    const id = waiting.conversation.id;
    // Ana is online with room, yet the chat waits: nobody of site 2 is there.
    await ok(ana, 'agent:status', { status: 'online' });
    expect(await offeredTo(id)).toEqual([]);
    const queued = await agentCall<{ conversation: Conversation }>(
      t.server.url,
      t.admin,
      'GET',
      `/conversations/${id}`,
    );
    expect(queued.body.conversation.status).toBe('queued');
    const ben = await agentSocket(t, b.login);
    const offered = nextEvent<Conversation>(
      ben,
      'conversation:updated',
      (c) => c.id === id && c.status === 'offered',
    );
    await ok(ben, 'agent:status', { status: 'online' });
    expect((await offered).offeredTo).toEqual([b.id]);
    expect(await offeredTo(id)).toEqual([b.id]);
    await ok(ben, 'agent:status', { status: 'offline' });
    await ok(ana, 'agent:status', { status: 'offline' });
  });

  it('shows the Visitors page and visitor details of the own sites only', async () => {
    const one = await chatOn(t, site1.key);
    const two = await chatOn(t, site2.key);
    const ana = await agentSocket(t, a.login);
    const { visitors } = await ok<{ visitors: LiveVisitor[] }>(ana, 'visitors:list');
    const ids = visitors.map((v) => v.id);
    expect(ids).toContain(one.visitorId);
    expect(ids).not.toContain(two.visitorId);
    expect(visitors.every((v) => v.siteId === site1.id)).toBe(true);
    expect(await request(ana, 'visitor:get', { visitorId: two.visitorId })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    await ok(ana, 'agent:status', { status: 'online' });
    const invite = await request(ana, 'visitor:invite', {
      visitorId: two.visitorId,
      message: 'Hi there',
    });
    expect(invite, JSON.stringify(invite)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    await ok(ana, 'agent:status', { status: 'offline' });
  });

  it("keeps a department's chats to its members within a site; supervisors see them all", async () => {
    const site3 = await addSite(t, 'Third shop');
    const dept = async (name: string, memberIds: string[]) =>
      (
        await agentCall<{ department: { id: string } }>(
          t.server.url,
          t.admin,
          'POST',
          '/departments',
          { name, distribution: 'least_busy', memberIds },
        )
      ).body.department.id;
    const member = await addMember(t, 'Mia', 'agent', [site3.id]);
    const outsider = await addMember(t, 'Oli', 'agent', [site3.id]);
    const boss = await addMember(t, 'Bo', 'supervisor', [site3.id]);
    const sales = await dept(`Sales ${dialect}`, [member.id]);
    const billing = await dept(`Billing ${dialect}`, [outsider.id]);
    await agentCall(t.server.url, t.admin, 'PUT', `/sites/${site3.id}/departments`, {
      departmentIds: [sales, billing],
    });
    const oli = await agentSocket(t, outsider.login);
    const oliSaw = spy(oli);
    const chat = await chatOn(t, site3.key, sales);
    const list = async (login: typeof member.login) =>
      (
        await agentCall<{ conversations: Conversation[] }>(
          t.server.url,
          login,
          'GET',
          '/conversations',
        )
      ).body.conversations.map((c) => c.id);
    expect(await list(member.login)).toContain(chat.conversation.id);
    expect(await list(boss.login)).toContain(chat.conversation.id);
    expect(await list(outsider.login)).not.toContain(chat.conversation.id);
    // A billing chat reaches Oli; by then the sales chat would have too, had it been sent.
    const mine = await chatOn(t, site3.key, billing);
    await until(oli, 'conversation:updated', () => mentions(oliSaw, mine.conversation.id));
    expect(mentions(oliSaw, chat.conversation.id)).toBe(false);
  });

  it("stops an open socket's events of a site within a second of the agent leaving it, and requeues their chats there", async () => {
    const ana = await agentSocket(t, a.login);
    const early = spy(ana);
    const before = await chatOn(t, site1.key);
    await until(ana, 'conversation:updated', () => mentions(early, before.conversation.id));
    await ok(ana, 'conversation:accept', { conversationId: before.conversation.id });
    const recount = nextEvent(ana, 'visitors:count', () => true, 1000);
    const res = await agentCall(t.server.url, t.admin, 'PATCH', `/agents/${a.id}`, { siteIds: [] });
    expect(res.status).toBe(200);
    // The socket is told its new count once it has moved rooms: within the second.
    await recount;
    // The chat Ana was serving went back to the queue for someone of site 1.
    const released = await agentCall<{ conversation: Conversation }>(
      t.server.url,
      t.admin,
      'GET',
      `/conversations/${before.conversation.id}`,
    );
    expect(released.body.conversation).toMatchObject({ status: 'queued', assignee: null });
    const saw = spy(ana);
    const after = await chatOn(t, site1.key);
    await ok(after.visitor, 'message:send', {
      conversationId: after.conversation.id,
      clientId: cid('late'),
      body: 'anyone?',
    });
    // A direct message sent afterwards proves the socket is still live and nothing else came.
    const admin = await agentSocket(t, t.admin);
    await ok(admin, 'direct:send', { toAgentId: a.id, clientId: cid('dm'), body: 'ping' });
    await until(ana, 'direct:new', () => saw.some((e) => e.event === 'direct:new'));
    expect(mentions(saw, after.conversation.id)).toBe(false);
    await agentCall(t.server.url, t.admin, 'PATCH', `/agents/${a.id}`, { siteIds: [site1.id] });
  });
});
