import type {
  ArchiveResponse,
  SearchResponse,
  SendResult,
  VisitorConversation,
} from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import { useTestServer } from '../../test/fixture.js';
import {
  agentCall,
  connectAgent,
  connectVisitor,
  connected,
  newVisitor,
  ok,
  signIn,
  visitorFetch,
} from '../../test/server.js';
import { dialects } from '../../test/storage.js';
import { addMember, addSite, demoSite } from '../../test/access.js';
import { highlighted } from './search.js';

const cid = () => `client-${Math.random().toString(36).slice(2, 12)}`;

describe('highlighted', () => {
  it('turns the marks into ranges and keeps the text as it was', () => {
    expect(highlighted('a \u0002Crème\u0003 and \u0002brûlée\u0003!')).toEqual({
      text: 'a Crème and brûlée!',
      highlights: [
        [2, 7],
        [12, 18],
      ],
    });
    expect(highlighted('<b>no marks</b>')).toEqual({ text: '<b>no marks</b>', highlights: [] });
  });
});

describe.each(dialects)('search over REST (%s)', (dialect) => {
  const t = useTestServer(dialect);
  let n = 0;

  async function colleague(role: 'agent' | 'supervisor') {
    n += 1;
    const email = `searcher-${n}-${dialect}@example.com`;
    const password = `search-password-${n}-xyz`;
    const res = await agentCall(t.server.url, t.admin, 'POST', '/agents', {
      email,
      name: `Searcher ${n}`,
      password,
      role,
    });
    expect(res.status).toBe(201);
    return signIn(t.server.url, email, password);
  }

  async function chatSaying(body: string) {
    const { token } = await newVisitor(t.server.url, t.server.siteKey);
    const visitor = t.track(connectVisitor(t.server.url, token));
    await connected(visitor);
    const { conversation } = await ok<{ conversation: VisitorConversation }>(
      visitor,
      'conversation:start',
    );
    const sent = await ok<SendResult>(visitor, 'message:send', {
      conversationId: conversation.id,
      clientId: cid(),
      body,
    });
    return { token, conversation, sent };
  }

  const find = (login: Parameters<typeof agentCall>[1], query: string) =>
    agentCall<SearchResponse & { error?: { code: string } }>(
      t.server.url,
      login,
      'GET',
      `/search?${query}`,
    );

  it('finds what a visitor wrote, accents folded, with the words marked and its chat', async () => {
    const { conversation, sent } = await chatSaying('Crème brûlée please');
    const res = await find(t.admin, 'q=creme+brulee');
    expect(res.status).toBe(200);
    const hit = res.body.messages.items.find((m) => m.id === sent.id);
    expect(hit).toMatchObject({
      seq: sent.seq,
      visibility: 'public',
      author: { type: 'visitor' },
      snippet: { text: 'Crème brûlée please' },
      chat: { id: conversation.id, status: 'queued' },
    });
    const marked = hit!.snippet.highlights.map(([a, b]) => hit!.snippet.text.slice(a, b));
    expect(marked).toEqual(['Crème', 'brûlée']);
  });

  it('finds private notes for agents who may open the chat, and not for others', async () => {
    const { conversation } = await chatSaying('My order 5521 never came');
    const admin = t.track(connectAgent(t.server.url, t.admin));
    await connected(admin);
    await ok(admin, 'conversation:accept', { conversationId: conversation.id });
    await ok(admin, 'message:send', {
      conversationId: conversation.id,
      clientId: cid(),
      body: 'Courier lost parcel, refund approved',
      visibility: 'private',
    });
    const adminHits = await find(t.admin, 'q=courier+refund');
    expect(adminHits.body.messages.items.map((m) => m.visibility)).toEqual(['private']);

    // An agent who is not in the (now active) chat may not open it, so cannot find it.
    const agent = await colleague('agent');
    expect((await find(agent, 'q=courier')).body.messages.items).toEqual([]);
    expect((await find(agent, 'q=never+came')).body.messages.items).toEqual([]);
    // A supervisor may open every chat.
    const supervisor = await colleague('supervisor');
    expect((await find(supervisor, 'q=courier')).body.messages.items).toHaveLength(1);
  });

  it('lets an agent find a waiting chat, which they may pick up', async () => {
    const { sent } = await chatSaying('Waiting for someone about invoices');
    const agent = await colleague('agent');
    const res = await find(agent, 'q=invoices');
    expect(res.body.messages.items.map((m) => m.id)).toEqual([sent.id]);
  });

  it('answers any text without an error, and pages', async () => {
    for (const q of ['"', 'OR AND NEAR(', "'; drop table messages; --", '*:()', '%00', ''])
      expect((await find(t.admin, `q=${encodeURIComponent(q)}`)).status).toBe(200);
    for (let i = 0; i < 3; i++) await chatSaying(`tracking code question ${i}`);
    const first = await find(t.admin, 'q=tracking&kind=messages&limit=2');
    expect(first.body.messages).toMatchObject({ hasMore: true });
    expect(first.body.messages.items).toHaveLength(2);
    const second = await find(t.admin, 'q=tracking&kind=messages&limit=2&offset=2');
    expect(second.body.messages.items).toHaveLength(1);
    expect(second.body.messages.hasMore).toBe(false);
    expect(first.body.chats.items).toEqual([]);
  });

  it('refuses bad filters with a clear error, and visitors altogether', async () => {
    const bad = await find(t.admin, 'q=x&limit=500');
    expect(bad.status).toBe(400);
    expect(bad.body.error?.code).toBe('VALIDATION_FAILED');
    expect((await find(t.admin, 'q=x&from=yesterday')).status).toBe(400);
    const { token } = await chatSaying('I am a visitor');
    const asVisitor = await visitorFetch(t.server.url, token, '/search?q=visitor');
    expect(asVisitor.status).toBe(401);
  });

  it('narrows by status and time', async () => {
    await chatSaying('Filtered wardrobe question');
    expect((await find(t.admin, 'q=wardrobe&status=closed')).body.messages.items).toEqual([]);
    expect((await find(t.admin, 'q=wardrobe&status=queued')).body.messages.items).toHaveLength(1);
    const future = encodeURIComponent(new Date(Date.now() + 3_600_000).toISOString());
    expect((await find(t.admin, `q=wardrobe&from=${future}`)).body.messages.items).toEqual([]);
  });

  it('finds nothing of the sites a reader does not belong to, on any path', async () => {
    const { conversation, sent } = await chatSaying('Marzipan order for the demo shop');
    const outlet = await addSite(t, 'Outlet');
    const demo = await demoSite(t);
    const outsider = await addMember(t, 'Olga', 'supervisor', [outlet.id]);
    const insider = await addMember(t, 'Ines', 'supervisor', [demo.id]);
    const hits = async (login: Parameters<typeof agentCall>[1]) =>
      (await find(login, 'q=marzipan')).body.messages.items.map((m) => m.id);
    expect(await hits(insider.login)).toEqual([sent.id]);
    expect(await hits(outsider.login)).toEqual([]);
    // Visitors of other sites are not found by name either.
    const visitorCode = (await find(t.admin, 'q=marzipan')).body.messages.items[0]!.chat.visitor
      .code;
    const byCode = (login: Parameters<typeof agentCall>[1]) =>
      find(login, `q=${encodeURIComponent(visitorCode)}&kind=visitors`);
    expect((await byCode(insider.login)).body.visitors.items.length).toBeGreaterThan(0);
    expect((await byCode(outsider.login)).body.visitors.items).toEqual([]);
    const chats = (login: Parameters<typeof agentCall>[1]) =>
      find(login, `q=${encodeURIComponent(visitorCode)}&kind=chats`);
    expect((await chats(insider.login)).body.chats.items.map((c) => c.id)).toContain(
      conversation.id,
    );
    expect((await chats(outsider.login)).body.chats.items).toEqual([]);
  });

  it('finds a chat by its number, with or without the #', async () => {
    const { conversation } = await chatSaying('Numbered chat');
    const code = (await find(t.admin, 'q=numbered')).body.messages.items[0]!.chat.visitor.code;
    expect(code).toMatch(/^#\d+$/);
    for (const q of [code, code.slice(1)]) {
      const res = await find(t.admin, `q=${encodeURIComponent(q)}&kind=chats`);
      expect(res.body.chats.items.map((c) => c.id)).toContain(conversation.id);
    }
  });

  it('finds tickets by subject for those who may open them, and opens none of other sites', async () => {
    const { conversation } = await chatSaying('Backpack question');
    const made = await agentCall<{ ticket: { id: string } }>(
      t.server.url,
      t.admin,
      'POST',
      `/conversations/${conversation.id}/tickets`,
      { subject: 'Fjällräven backpack refund' },
    );
    expect(made.status).toBe(201);
    const res = await find(t.admin, 'q=fjallraven+refnud');
    expect(res.body.tickets.items).toMatchObject([
      { id: made.body.ticket.id, status: 'open', subject: { text: 'Fjällräven backpack refund' } },
    ]);
    const { text, highlights } = res.body.tickets.items[0]!.subject;
    expect(highlights.map(([a, b]) => text.slice(a, b))).toEqual(['Fjällräven', 'refund']);
    expect((await find(t.admin, 'q=fjallraven&kind=tickets')).body.tickets.items).toHaveLength(1);
    // Chats' own filters leave no ticket; another site's supervisor finds none.
    expect((await find(t.admin, 'q=fjallraven&status=closed')).body.tickets.items).toEqual([]);
    const outsider = await addMember(t, 'Tom', 'supervisor', [(await addSite(t, 'Far')).id]);
    expect((await find(outsider.login, 'q=fjallraven')).body.tickets.items).toEqual([]);
  });

  describe('the Archive', () => {
    async function closedChat(body: string, owner = t.admin) {
      const { conversation } = await chatSaying(body);
      const agent = t.track(connectAgent(t.server.url, owner));
      await connected(agent);
      await ok(agent, 'conversation:accept', { conversationId: conversation.id });
      await ok(agent, 'message:send', {
        conversationId: conversation.id,
        clientId: cid(),
        body: 'Happy to help',
      });
      await ok(agent, 'conversation:close', { conversationId: conversation.id });
      return conversation.id;
    }
    const archive = (login: Parameters<typeof agentCall>[1], query = '') =>
      agentCall<ArchiveResponse>(t.server.url, login, 'GET', `/archive?${query}`);

    it('lists closed chats, last closed first, with the first message and the agent', async () => {
      const first = await closedChat('First archived question');
      const second = await closedChat('Second archived question');
      const open = await chatSaying('Still waiting, not archived');
      const res = await archive(t.admin, 'limit=50');
      expect(res.status).toBe(200);
      const ids = res.body.chats.map((c) => c.id);
      expect(ids.indexOf(second)).toBeLessThan(ids.indexOf(first));
      expect(ids).not.toContain(open.conversation.id);
      const row = res.body.chats.find((c) => c.id === second)!;
      expect(row).toMatchObject({
        firstMessage: 'Second archived question',
        assignee: { id: t.admin.agentId },
        rating: null,
      });
      expect(row.durationSeconds).toBeGreaterThanOrEqual(0);
      expect(Date.parse(row.closedAt)).toBeGreaterThanOrEqual(Date.parse(row.createdAt));
    });

    it('filters by agent and rating, and pages', async () => {
      const agent = await colleague('agent');
      const mine = await closedChat('Handled by the new colleague', agent);
      expect(
        (await archive(t.admin, `agentId=${agent.agentId}`)).body.chats.map((c) => c.id),
      ).toEqual([mine]);
      expect((await archive(t.admin, 'rating=good')).body.chats).toEqual([]);
      const unrated = await archive(t.admin, 'rating=none&limit=1');
      expect(unrated.body.chats).toHaveLength(1);
      expect(unrated.body.hasMore).toBe(true);
      const next = await archive(t.admin, 'rating=none&limit=1&offset=1');
      expect(next.body.chats[0]!.id).not.toBe(unrated.body.chats[0]!.id);
    });

    it('shows an agent only the chats they handled', async () => {
      const agent = await colleague('agent');
      const theirs = await closedChat('Only mine to see', agent);
      await closedChat('Not theirs to see');
      expect((await archive(agent)).body.chats.map((c) => c.id)).toEqual([theirs]);
      const supervisor = await colleague('supervisor');
      expect((await archive(supervisor, 'limit=50')).body.chats.length).toBeGreaterThan(1);
    });

    it('leaves out the sites a supervisor does not belong to', async () => {
      const closed = await closedChat('Closed on the demo shop');
      const outlet = await addSite(t, 'Outlet two');
      const outsider = await addMember(t, 'Otto', 'supervisor', [outlet.id]);
      expect((await archive(outsider.login, 'limit=50')).body.chats).toEqual([]);
      expect((await archive(t.admin, 'limit=50')).body.chats.map((c) => c.id)).toContain(closed);
    });

    it('refuses bad filters and visitors', async () => {
      expect((await archive(t.admin, 'rating=great')).status).toBe(400);
      const { token } = await chatSaying('A visitor peeking');
      expect((await visitorFetch(t.server.url, token, '/archive')).status).toBe(401);
    });
  });
});
