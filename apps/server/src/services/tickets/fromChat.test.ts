import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type {
  ChatTicketsResponse,
  RoutingLogEntry,
  Ticket,
  TicketListResponse,
  TicketResponse,
  TicketThreadResponse,
} from '@parley/protocol';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, addSite, agentSocket, chatOn } from '../../test/access.js';
import { useTestServer } from '../../test/fixture.js';
import { startMailReceiver, type MailReceiver } from '../../test/mail.js';
import { agentCall, ok, type AgentLogin } from '../../test/server.js';
import { dialects } from '../../test/storage.js';

const cid = () => `client-${randomUUID()}`;
const DAY = 86_400_000;

describe.each(dialects)('tickets and transcripts from a chat (%s)', (dialect) => {
  const env: Record<string, string> = {};
  let receiver: MailReceiver;
  beforeAll(async () => {
    receiver = await startMailReceiver();
    Object.assign(env, { SMTP_URL: receiver.url, MAIL_FROM: 'Parley <parley@shop.test>' });
  });
  afterAll(() => receiver.close());
  const t = useTestServer(dialect, { env });
  let admin: Socket;

  const call = <T>(method: string, route: string, body?: unknown, login: AgentLogin = t.admin) =>
    agentCall<T & { error?: { code: string; details?: Record<string, string> } }>(
      t.server.url,
      login,
      method,
      route,
      body,
    );

  /** A chat the admin answered: a visitor line, a private note and a public answer. */
  async function answeredChat(o: { email?: string; language?: string; close?: boolean } = {}) {
    // Tracked sockets close after each test: the admin's comes back for every chat.
    if (!admin?.connected) admin = await agentSocket(t, t.admin, { online: true });
    const chat = await chatOn(t, t.server.siteKey);
    const conversationId = chat.conversation.id;
    if (o.email) await ok(chat.visitor, 'visitor:update', { email: o.email });
    if (o.language)
      await t.storage.db
        .updateTable('visitors')
        .set({ language: o.language })
        .where('id', '=', chat.visitorId)
        .execute();
    await ok(admin, 'conversation:accept', { conversationId });
    const say = (socket: Socket, body: string, visibility?: 'private') =>
      ok(socket, 'message:send', { conversationId, clientId: cid(), body, ...{ visibility } });
    await say(chat.visitor, 'Where is my order 4711?');
    await say(admin, 'Secret: this customer is a reseller', 'private');
    await say(admin, 'It ships today.');
    if (o.close !== false) await ok(admin, 'conversation:close', { conversationId });
    return { ...chat, conversationId };
  }

  it('makes a ticket of a closed chat, linked both ways, transcript quoted without notes', async () => {
    const email = `buyer-${dialect}@example.com`;
    const { conversationId } = await answeredChat({ email });
    const made = await call<TicketResponse>('POST', `/conversations/${conversationId}/tickets`, {});
    expect(made.status).toBe(201);
    const ticket = made.body.ticket;
    expect(ticket).toMatchObject({
      conversationId,
      channel: 'chat',
      email,
      subject: 'Where is my order 4711?',
      status: 'open',
    });
    expect(ticket.assignee?.name).toBeTruthy();
    const { messages } = (await call<TicketThreadResponse>('GET', `/tickets/${ticket.id}`)).body;
    expect(messages[0]!.body).toContain('Where is my order 4711?');
    expect(messages[0]!.body).toContain('It ships today.');
    expect(JSON.stringify(messages)).not.toContain('reseller');

    // The chat shows its tickets, and its routing log says who made one.
    const ofChat = await call<ChatTicketsResponse>(
      'GET',
      `/conversations/${conversationId}/tickets`,
    );
    expect(ofChat.body.tickets.map((x) => x.id)).toEqual([ticket.id]);
    const log = await ok<{ entries: RoutingLogEntry[] }>(admin, 'conversation:log', {
      conversationId,
    });
    expect(log.entries.find((e) => e.kind === 'ticketed')).toMatchObject({ detail: ticket.id });
  });

  it('makes an internal record when the visitor gave no address, until an agent sets one', async () => {
    const { conversationId } = await answeredChat({ close: false });
    const made = await call<TicketResponse>('POST', `/conversations/${conversationId}/tickets`, {
      subject: 'Follow up on the order',
    });
    const ticket = made.body.ticket;
    expect(ticket).toMatchObject({ email: '', subject: 'Follow up on the order' });
    const refused = await call('POST', `/tickets/${ticket.id}/messages`, { body: 'Hello' });
    expect(refused.body.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { email: expect.any(String) },
    });
    const note = await call('POST', `/tickets/${ticket.id}/messages`, {
      body: 'Called them instead',
      internal: true,
    });
    expect(note.status).toBe(201);
    const bad = await call('PATCH', `/tickets/${ticket.id}`, { email: 'not an address' });
    expect(bad.body.error?.code).toBe('VALIDATION_FAILED');
    const email = `late-${dialect}@example.com`;
    await call('PATCH', `/tickets/${ticket.id}`, { email });
    const sent = await call('POST', `/tickets/${ticket.id}/messages`, { body: 'Your order left' });
    expect(sent.status).toBe(201);
    const mail = await receiver.next('the reply to the address set later');
    expect(mail.rcptTo).toEqual([email]);
    expect(mail.parsed.text).toContain('Your order left');
  });

  it('lets an agent make a ticket only from a chat they may open', async () => {
    const { conversationId } = await answeredChat();
    const second = await addSite(t, `Elsewhere ${dialect}`);
    const outsider = await addMember(t, 'Oz', 'agent', [second.id]);
    for (const [method, route, body] of [
      ['POST', `/conversations/${conversationId}/tickets`, {}],
      ['GET', `/conversations/${conversationId}/tickets`, undefined],
      ['POST', `/conversations/${conversationId}/transcript`, { email: 'x@example.com' }],
    ] as const)
      expect((await call(method, route, body, outsider.login)).status).toBe(404);
  });

  it('mails the transcript an agent asks for in the visitor language, notes and abuse kept out', async () => {
    const { conversationId } = await answeredChat({ language: 'de-DE' });
    const bad = await call('POST', `/conversations/${conversationId}/transcript`, {
      email: 'nope',
    });
    expect(bad.body.error?.code).toBe('VALIDATION_FAILED');
    const sent = await call<{ sentTo: string }>(
      'POST',
      `/conversations/${conversationId}/transcript`,
      { email: `Boss-${dialect}@Example.com` },
    );
    expect(sent.body.sentTo).toBe(`boss-${dialect}@example.com`);
    const mail = await receiver.next('the agent transcript');
    expect(mail.rcptTo).toEqual([`boss-${dialect}@example.com`]);
    expect(mail.parsed.subject).toMatch(/^Ihr Chat mit /);
    expect(mail.parsed.text).toContain('It ships today.');
    expect(`${mail.parsed.text}${String(mail.parsed.html)}`).not.toContain('reseller');

    // Rate-limited per agent: a colleague still may.
    let last = sent.status;
    for (let i = 0; i < 25 && last !== 429; i++) {
      const r = await call('POST', `/conversations/${conversationId}/transcript`, {
        email: 'flood@example.com',
      });
      last = r.status;
      if (r.status === 200) await receiver.next('a transcript under the limit');
    }
    expect(last).toBe(429);
  });

  it("sends the widget's transcript to the shop as a ticket linked to the chat", async () => {
    const { visitor, conversationId } = await answeredChat();
    const email = `shopper-${dialect}@example.com`;
    await ok(visitor, 'conversation:transcript', { conversationId, email, toShop: true });
    const mail = await receiver.next("the visitor's own copy");
    expect(mail.rcptTo).toEqual([email]);
    const list = await call<TicketListResponse>('GET', '/tickets?channel=chat&limit=200');
    const ticket = list.body.tickets.find((x: Ticket) => x.conversationId === conversationId);
    expect(ticket).toMatchObject({ email, channel: 'chat', assignee: null });
    const { messages } = (await call<TicketThreadResponse>('GET', `/tickets/${ticket!.id}`)).body;
    expect(messages[0]!.body).toContain('Where is my order 4711?');
    expect(messages[0]!.body).not.toContain('reseller');
  });

  it('purges solved and closed tickets older than the retention, with their files', async () => {
    const deps = t.server.app.deps;
    const make = async (status: 'open' | 'solved' | 'closed', ageDays: number) => {
      const { conversationId } = await answeredChat();
      const { ticket } = (
        await call<TicketResponse>('POST', `/conversations/${conversationId}/tickets`, {})
      ).body;
      if (status !== 'open') await call('PATCH', `/tickets/${ticket.id}`, { status });
      const thread = (await call<TicketThreadResponse>('GET', `/tickets/${ticket.id}`)).body;
      const key = `ticketfile${randomUUID().replace(/-/g, '')}`;
      await deps.files.write(key, Readable.from([Buffer.from('receipt')]));
      await t.storage.db
        .insertInto('ticket_attachments')
        .values({
          id: randomUUID(),
          ticket_id: ticket.id,
          message_id: thread.messages[0]!.id,
          name: 'receipt.txt',
          content_type: 'text/plain',
          size: 7,
          storage_key: key,
          created_at: Date.now(),
        })
        .execute();
      await t.storage.db
        .updateTable('tickets')
        .set({ updated_at: Date.now() - ageDays * DAY })
        .where('id', '=', ticket.id)
        .execute();
      return { id: ticket.id, key };
    };
    const stored = (key: string) =>
      new Promise<boolean>((resolve) => {
        const s = deps.files.read(key);
        s.on('error', () => resolve(false));
        s.on('end', () => resolve(true));
        s.resume();
      });
    const oldSolved = await make('solved', 40);
    const oldClosed = await make('closed', 31);
    const oldOpen = await make('open', 400);
    const recentSolved = await make('solved', 5);
    // Off (0) by default: nothing goes.
    await t.server.app.router.tick();
    expect((await call('GET', `/tickets/${oldSolved.id}`)).status).toBe(200);

    const set = await call('PATCH', '/settings', { ticketRetentionDays: 30 });
    expect(set.status).toBe(200);
    await t.server.app.router.tick();
    for (const gone of [oldSolved, oldClosed]) {
      expect((await call('GET', `/tickets/${gone.id}`)).status).toBe(404);
      expect(await stored(gone.key)).toBe(false);
    }
    for (const kept of [oldOpen, recentSolved]) {
      expect((await call('GET', `/tickets/${kept.id}`)).status).toBe(200);
      expect(await stored(kept.key)).toBe(true);
    }
    const left = await t.storage.db
      .selectFrom('ticket_messages')
      .select('id')
      .where('ticket_id', 'in', [oldSolved.id, oldClosed.id])
      .execute();
    expect(left).toEqual([]);
    await call('PATCH', '/settings', { ticketRetentionDays: 0 });
  });
});
