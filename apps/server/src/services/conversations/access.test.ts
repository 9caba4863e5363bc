import type { Conversation, SiteSummary, Ticket } from '@parley/protocol';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestServer } from '../../test/fixture.js';
import { agentSocket, chatOn, twoShops, type Member } from '../../test/access.js';
import { agentCall, request, type AgentLogin } from '../../test/server.js';
import { dialects } from '../../test/storage.js';

describe.each(dialects)('per-site access over REST (%s)', (dialect) => {
  const t = useTestServer(dialect);
  let site1: SiteSummary;
  let site2: SiteSummary;
  let a: Member;
  let b: Member;
  let s: Member;

  beforeAll(async () => {
    ({ site1, site2, a, b, s } = await twoShops(t));
  });

  const call = <T = Record<string, unknown>>(
    login: AgentLogin,
    method: string,
    route: string,
    body?: unknown,
  ) => agentCall<T & { error?: { code: string } }>(t.server.url, login, method, route, body);
  const listed = async (login: AgentLogin) =>
    (
      await call<{ conversations: Conversation[] }>(login, 'GET', '/conversations')
    ).body.conversations.map((c) => c.id);

  it('lists each agent only the chats of their sites; admins every site', async () => {
    const one = await chatOn(t, site1.key);
    const two = await chatOn(t, site2.key);
    expect(await listed(a.login)).toContain(one.conversation.id);
    expect(await listed(a.login)).not.toContain(two.conversation.id);
    expect(await listed(b.login)).toContain(two.conversation.id);
    expect(await listed(b.login)).not.toContain(one.conversation.id);
    expect(await listed(s.login)).toContain(one.conversation.id);
    expect(await listed(s.login)).not.toContain(two.conversation.id);
    expect(await listed(t.admin)).toEqual(
      expect.arrayContaining([one.conversation.id, two.conversation.id]),
    );
  });

  it("answers 404 for another site's chat on every path, and changes nothing", async () => {
    const two = await chatOn(t, site2.key);
    const id = two.conversation.id;
    for (const [method, route, body] of [
      ['GET', `/conversations/${id}`],
      ['GET', `/conversations/${id}/messages`],
      ['POST', `/conversations/${id}/accept`],
      ['POST', `/conversations/${id}/messages`, { clientId: 'client-1-abcdefgh', body: 'hi' }],
      ['POST', `/conversations/${id}/close`],
    ] as const) {
      const res = await call(a.login, method, route, body);
      expect(res.status, `${method} ${route}`).toBe(404);
      expect(res.body.error?.code).toBe('NOT_FOUND');
    }
    const after = await call<{ conversation: Conversation }>(
      b.login,
      'GET',
      `/conversations/${id}`,
    );
    expect(after.body.conversation).toMatchObject({ status: 'queued', assignee: null });
  });

  it('refuses a transfer to an agent who does not work on the chat’s site', async () => {
    const one = await chatOn(t, site1.key);
    const id = one.conversation.id;
    expect((await call(a.login, 'POST', `/conversations/${id}/accept`)).status).toBe(200);
    const socket = await agentSocket(t, a.login);
    const refused = await request(socket, 'conversation:transfer', {
      conversationId: id,
      agentId: b.id,
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const moved = await request(socket, 'conversation:transfer', {
      conversationId: id,
      agentId: s.id,
    });
    expect(moved).toMatchObject({ ok: true });
  });

  it('gives a new agent every current site unless told which, and shows them in the list', async () => {
    const everywhere = await call<{ agent: { id: string; siteIds: string[] } }>(
      t.admin,
      'POST',
      '/agents',
      { email: `all-${dialect}@example.com`, name: 'All', password: 'agent-password-1' },
    );
    expect(everywhere.body.agent.siteIds).toEqual([site1.id, site2.id].sort());
    const list = await call<{ agents: Array<{ id: string; siteIds: string[] }> }>(
      t.admin,
      'GET',
      '/agents',
    );
    expect(list.body.agents.find((x) => x.id === a.id)?.siteIds).toEqual([site1.id]);
    const unknown = await call(t.admin, 'PATCH', `/agents/${a.id}`, { siteIds: ['nope'] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error?.code).toBe('VALIDATION_FAILED');
    const notAdmin = await call(s.login, 'PATCH', `/agents/${a.id}`, { siteIds: [site2.id] });
    expect(notAdmin.status).toBe(403);
  });

  it("lists and changes only the tickets of the agent's sites", async () => {
    // Tickets as the message form leaves them, one per site.
    const rows = await t.storage.db
      .insertInto('tickets')
      .values(
        [site1, site2].map((site, i) => ({
          id: `ticket-${dialect}-${i}`,
          site_id: site.id,
          visitor_id: null,
          conversation_id: null,
          name: 'Vi',
          email: 'vi@example.com',
          message: `for ${site.name}`,
          status: 'open' as const,
          created_at: Date.now(),
        })),
      )
      .returning('id')
      .execute();
    const mine = await call<{ tickets: Ticket[] }>(a.login, 'GET', '/tickets');
    const ids = mine.body.tickets.map((x) => x.id);
    expect(ids).toContain(rows[0]!.id);
    expect(ids).not.toContain(rows[1]!.id);
    const closing = await call(a.login, 'PATCH', `/tickets/${rows[1]!.id}`, { status: 'closed' });
    expect(closing.status).toBe(404);
  });
});
