import type {
  Ticket,
  TicketBadgeResponse,
  TicketListResponse,
  TicketResponse,
  TicketThreadResponse,
} from '@parley/protocol';
import { beforeAll, describe, expect, it } from 'vitest';
import { addMember, addSite, agentSocket, demoSite, spy, type Member } from '../../test/access.js';
import { useTestServer } from '../../test/fixture.js';
import {
  agentCall,
  connected,
  connectVisitor,
  EVENT_TIMEOUT_MS,
  newVisitor,
  ok,
  visitorFetch,
  type AgentLogin,
} from '../../test/server.js';
import { dialects } from '../../test/storage.js';

describe.each(dialects)('the ticket inbox (%s)', (dialect) => {
  const t = useTestServer(dialect);
  let other: Member;
  let ana: Member;
  let ben: Member;
  let sales: string;

  const call = <T>(login: AgentLogin, method: string, route: string, body?: unknown) =>
    agentCall<T & { error?: { code: string; details?: Record<string, string> } }>(
      t.server.url,
      login,
      method,
      route,
      body,
    );

  async function formTicket(siteKey: string, email: string, message: string): Promise<Ticket> {
    const { token } = await newVisitor(t.server.url, siteKey);
    const visitor = t.track(connectVisitor(t.server.url, token));
    await connected(visitor);
    await ok(visitor, 'ticket:create', { name: 'Cy', email, message });
    const list = await call<TicketListResponse>(t.admin, 'GET', '/tickets?limit=200');
    return list.body.tickets.find((x) => x.message === message)!;
  }

  beforeAll(async () => {
    const site = await demoSite(t);
    const second = await addSite(t, 'Other shop');
    ana = await addMember(t, 'Ana', 'agent', [site.id]);
    ben = await addMember(t, 'Ben', 'agent', [site.id]);
    other = await addMember(t, 'Oz', 'agent', [second.id]);
    const res = await call<{ department: { id: string } }>(t.admin, 'POST', '/departments', {
      name: `Sales ${dialect}`,
      memberIds: [ana.id],
    });
    sales = res.body.department.id;
    await call(t.admin, 'PUT', `/sites/${site.id}/departments`, { departmentIds: [sales] });
  });

  it('filters by status, assignee (me, unassigned), priority, department and channel, with counts', async () => {
    const a = await formTicket(t.server.siteKey, 'f1@example.com', `first ${dialect}`);
    const b = await formTicket(t.server.siteKey, 'f2@example.com', `second ${dialect}`);
    const assign = await call<TicketResponse>(ana.login, 'PATCH', `/tickets/${a.id}`, {
      assigneeId: ana.id,
      priority: 'urgent',
    });
    expect(assign.body.ticket).toMatchObject({
      assignee: { id: ana.id, name: 'Ana' },
      priority: 'urgent',
    });
    await call(ana.login, 'PATCH', `/tickets/${b.id}`, { status: 'pending' });
    const ids = async (query: string, login = ana.login) =>
      (await call<TicketListResponse>(login, 'GET', `/tickets?${query}`)).body.tickets.map(
        (x) => x.id,
      );
    expect(await ids('assignee=me')).toEqual([a.id]);
    expect(await ids('assignee=unassigned&status=pending')).toEqual([b.id]);
    expect(await ids('priority=urgent')).toEqual([a.id]);
    expect(await ids('channel=email')).toEqual([]);
    expect(await ids('channel=web_form')).toEqual(expect.arrayContaining([a.id, b.id]));
    const counted = await call<TicketListResponse>(ana.login, 'GET', '/tickets?assignee=me');
    expect(counted.body.counts).toEqual({ open: 1, pending: 0, solved: 0, closed: 0 });
    const bad = await call(ana.login, 'GET', '/tickets?status=lost');
    expect(bad.body.error?.code).toBe('VALIDATION_FAILED');

    // The badge: open, and mine or nobody's; Ben does not count Ana's.
    const badge = async (login: AgentLogin) =>
      (await call<TicketBadgeResponse>(login, 'GET', '/tickets/badge')).body.count;
    const anaBefore = await badge(ana.login);
    const benBefore = await badge(ben.login);
    expect(anaBefore - benBefore).toBe(1);
    await call(ana.login, 'PATCH', `/tickets/${a.id}`, { status: 'solved' });
    expect(await badge(ana.login)).toBe(anaBefore - 1);

    await call(ana.login, 'PATCH', `/tickets/${a.id}`, { departmentId: sales });
    expect(await ids(`departmentId=${sales}`)).toEqual([a.id]);
  });

  it('keeps tickets to their site and department, and refuses who may not work them', async () => {
    const ticket = await formTicket(t.server.siteKey, 'g@example.com', `guarded ${dialect}`);
    const seen = await call(other.login, 'GET', `/tickets/${ticket.id}`);
    expect(seen.status).toBe(404);
    for (const [method, route, body] of [
      ['PATCH', `/tickets/${ticket.id}`, { status: 'closed' }],
      ['POST', `/tickets/${ticket.id}/messages`, { body: 'hi' }],
    ] as const)
      expect((await call(other.login, method, route, body)).status).toBe(404);
    expect(
      (await call<TicketThreadResponse>(t.admin, 'GET', `/tickets/${ticket.id}`)).body.ticket
        .status,
    ).toBe('open');
    const foreign = await call(ana.login, 'PATCH', `/tickets/${ticket.id}`, {
      assigneeId: other.id,
    });
    expect(foreign.body.error?.details).toEqual({ assigneeId: expect.any(String) });
    const empty = await call(ana.login, 'PATCH', `/tickets/${ticket.id}`, {});
    expect(empty.body.error?.code).toBe('VALIDATION_FAILED');
    // Moved into Sales, Ben (not a member) no longer sees it; Ana does.
    await call(ana.login, 'PATCH', `/tickets/${ticket.id}`, { departmentId: sales });
    expect((await call(ben.login, 'GET', `/tickets/${ticket.id}`)).status).toBe(404);
    expect((await call(ana.login, 'GET', `/tickets/${ticket.id}`)).status).toBe(200);
    // A visitor's token opens nothing here.
    const { token } = await newVisitor(t.server.url, t.server.siteKey);
    const asVisitor = await visitorFetch(t.server.url, token, `/tickets/${ticket.id}`);
    expect(asVisitor.status).toBe(401);
  });

  it('tells the consoles that may see a ticket when it changes, and no one else', async () => {
    const anaSocket = await agentSocket(t, ana.login);
    const ozSocket = await agentSocket(t, other.login);
    const ozSaw = spy(ozSocket);
    const changed = new Promise<{ ticketId: string }>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('ticket:changed never reached Ana')),
        EVENT_TIMEOUT_MS,
      );
      anaSocket.on('ticket:changed', (e: { ticketId: string }) => {
        clearTimeout(timer);
        resolve(e);
      });
    });
    const ticket = await formTicket(t.server.siteKey, 'live@example.com', `live ${dialect}`);
    expect((await changed).ticketId).toBe(ticket.id);
    // Oz works on another site: after a round trip on his socket, still nothing of this ticket.
    await ok(ozSocket, 'agent:status', { status: 'away' });
    expect(ozSaw.some((e) => e.event === 'ticket:changed')).toBe(false);
  });
});
