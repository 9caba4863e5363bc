import { sql } from 'kysely';
import { unzipSync, strFromU8 } from 'fflate';
import type { VisitorConversation } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import { useTestServer } from '../../test/fixture.js';
import {
  agentCall,
  agentFetch,
  connectAgent,
  connectVisitor,
  connected,
  newVisitor,
  ok,
  signIn,
  visitorFetch,
  type AgentLogin,
} from '../../test/server.js';
import { dialects } from '../../test/storage.js';

const rnd = () => Math.random().toString(36).slice(2, 10);
const cid = () => `client-${rnd()}-${rnd()}`;

describe.each(dialects)('exporting and erasing a visitor (%s)', (dialect) => {
  const t = useTestServer(dialect);
  const db = () => t.storage.db;

  /** A visitor with a chat (their message and file, an agent's reply and note), a ticket and page views. */
  async function visitorWithHistory(word: string) {
    const { token, visitorId } = await newVisitor(t.server.url, t.server.siteKey);
    const visitor = t.track(connectVisitor(t.server.url, token));
    await connected(visitor);
    const { conversation } = await ok<{ conversation: VisitorConversation }>(
      visitor,
      'conversation:start',
    );
    const form = new FormData();
    form.append('file', new Blob([`receipt of ${word}`], { type: 'text/plain' }), 'receipt.txt');
    const up = await fetch(`${t.server.url}/api/v1/widget/conversations/${conversation.id}/files`, {
      method: 'POST',
      body: form,
      headers: { authorization: `Bearer ${token}` },
    });
    const { file } = (await up.json()) as { file: { id: string } };
    await ok(visitor, 'message:send', {
      conversationId: conversation.id,
      clientId: cid(),
      body: `my order ${word}`,
      attachmentIds: [file.id],
    });
    const agent = t.track(connectAgent(t.server.url, t.admin));
    await connected(agent);
    await ok(agent, 'conversation:accept', { conversationId: conversation.id });
    for (const [body, visibility] of [
      [`answer for ${word}`, 'public'],
      [`note about ${word}`, 'private'],
    ])
      await ok(agent, 'message:send', {
        conversationId: conversation.id,
        clientId: cid(),
        body,
        visibility,
      });
    const ticket = await visitorFetch(t.server.url, token, '/widget/tickets', {
      method: 'POST',
      body: JSON.stringify({ name: 'Ann', email: `${word}@example.com`, message: `form ${word}` }),
    });
    expect(ticket.status).toBe(201);
    await db()
      .insertInto('page_views')
      .values({
        visitor_id: visitorId,
        id: rnd(),
        url: `https://shop.test/${word}`,
        title: word,
        at: Date.now(),
      })
      .execute();
    return { token, visitorId, conversationId: conversation.id, visitor };
  }

  async function codeOf(visitorId: string) {
    const row = await db()
      .selectFrom('visitors')
      .select('code')
      .where('id', '=', visitorId)
      .executeTakeFirstOrThrow();
    return row.code;
  }

  async function plainAgent(): Promise<AgentLogin> {
    const email = `a-${rnd()}@example.com`;
    await agentCall(t.server.url, t.admin, 'POST', '/agents', {
      email,
      name: 'Plain Agent',
      password: 'long-enough-pw',
      role: 'agent',
    });
    return signIn(t.server.url, email, 'long-enough-pw');
  }

  it('exports exactly that visitor: public chat, ticket, page views and files, no notes', async () => {
    const mine = await visitorWithHistory(`alpha${rnd()}`);
    const other = await visitorWithHistory(`omega${rnd()}`);
    const res = await agentFetch(t.server.url, t.admin, `/visitors/${mine.visitorId}/export`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    const entries = unzipSync(new Uint8Array(await res.arrayBuffer()));
    const text = strFromU8(entries['data.json']!);
    const data = JSON.parse(text) as {
      visitors: Array<{ id: string }>;
      conversations: Array<{ id: string; messages: Array<{ body: string }> }>;
      tickets: Array<{ message: string }>;
      pageViews: Array<{ url: string }>;
      files: Array<{ path: string; missing: boolean }>;
    };
    expect(data.visitors.map((v) => v.id)).toEqual([mine.visitorId]);
    expect(data.conversations.map((c) => c.id)).toEqual([mine.conversationId]);
    const bodies = data.conversations[0]!.messages.map((m) => m.body);
    expect(bodies.some((b) => b.startsWith('my order alpha'))).toBe(true);
    expect(bodies.some((b) => b.startsWith('answer for alpha'))).toBe(true);
    expect(text).not.toContain('note about');
    expect(text).not.toContain('omega');
    expect(text).not.toContain(other.visitorId);
    expect(text).not.toContain('token_hash');
    expect(data.tickets).toHaveLength(1);
    expect(data.pageViews).toHaveLength(1);
    expect(data.files).toHaveLength(1);
    expect(data.files[0]!.missing).toBe(false);
    expect(strFromU8(entries[data.files[0]!.path]!)).toMatch(/^receipt of alpha/);
    expect(Object.keys(entries).sort()).toEqual(['data.json', data.files[0]!.path].sort());

    const { body } = await agentCall<{ entries: Array<{ action: string; actor: { id: string } }> }>(
      t.server.url,
      t.admin,
      'GET',
      `/audit?targetType=visitor&targetId=${mine.visitorId}`,
    );
    expect(body.entries).toMatchObject([
      { action: 'visitor.exported', actor: { id: t.admin.agentId } },
    ]);
  });

  it('erases every row, file and search entry of the visitor, and no other', async () => {
    const word = `zebra${rnd()}`;
    const mine = await visitorWithHistory(word);
    const other = await visitorWithHistory(`kiwi${rnd()}`);
    const chats = [mine.conversationId];
    const keys = (
      await db()
        .selectFrom('attachments')
        .select('storage_key')
        .where('conversation_id', 'in', chats)
        .execute()
    ).map((f) => f.storage_key);
    expect(keys).toHaveLength(1);
    const found = await agentCall(t.server.url, t.admin, 'GET', `/search?q=${word}`);
    expect(JSON.stringify(found.body)).toContain(word);

    const count = async (table: string, column: string, ids: string[]) => {
      const r = await sql<{
        n: number;
      }>`SELECT count(*) AS n FROM ${sql.table(table)} WHERE ${sql.ref(column)} IN (${sql.join(ids)})`.execute(
        db(),
      );
      return Number(r.rows[0]!.n);
    };
    const before = await count('messages', 'conversation_id', chats);
    expect(before).toBeGreaterThanOrEqual(3);
    const disconnected = new Promise<void>((resolve) =>
      mine.visitor.once('disconnect', () => resolve()),
    );
    const erased = await agentCall<{ erased: Record<string, number>; auditId: string }>(
      t.server.url,
      t.admin,
      'POST',
      `/visitors/${mine.visitorId}/erase`,
      { confirm: await codeOf(mine.visitorId) },
    );
    expect(erased.status).toBe(200);
    expect(erased.body.erased).toEqual({
      visitors: 1,
      conversations: 1,
      messages: before,
      files: 1,
      pageViews: 1,
      tickets: 1,
      contacts: 0,
    });
    await disconnected;

    for (const [table, column, ids] of [
      ['visitors', 'id', [mine.visitorId]],
      ['conversations', 'visitor_id', [mine.visitorId]],
      ['page_views', 'visitor_id', [mine.visitorId]],
      ['tickets', 'visitor_id', [mine.visitorId]],
      ['proactive_invitations', 'visitor_id', [mine.visitorId]],
      ['bans', 'visitor_id', [mine.visitorId]],
      ['messages', 'conversation_id', chats],
      ['attachments', 'conversation_id', chats],
      ['read_marks', 'conversation_id', chats],
      ['offers', 'conversation_id', chats],
      ['participants', 'conversation_id', chats],
      ['routing_events', 'conversation_id', chats],
      ['file_removals', 'storage_key', keys],
      ...(dialect === 'sqlite'
        ? ([['visitor_search', 'visitor_id', [mine.visitorId]]] as const)
        : []),
    ] as const)
      expect({ table, left: await count(table, column, [...ids]) }).toEqual({ table, left: 0 });
    if (dialect === 'sqlite') {
      const r = await sql<{
        n: number;
      }>`SELECT count(*) AS n FROM message_search WHERE message_search MATCH ${word}`.execute(db());
      expect(Number(r.rows[0]!.n)).toBe(0);
    }
    await expect(
      (async () => {
        for await (const _ of t.server.app.deps.files.read(keys[0]!)) void _;
      })(),
    ).rejects.toThrow(/ENOENT/);
    const after = await agentCall(t.server.url, t.admin, 'GET', `/search?q=${word}`);
    expect(JSON.stringify(after.body)).not.toContain(word);
    expect(await count('visitors', 'id', [other.visitorId])).toBe(1);
    expect(await count('messages', 'conversation_id', [other.conversationId])).toBe(before);

    // The old cookie is nobody now.
    const me = await visitorFetch(t.server.url, mine.token, '/widget/conversations', {
      method: 'POST',
      body: '{}',
    });
    expect(me.status).toBe(401);

    const audit = await agentCall<{
      entries: Array<{ id: string; action: string; details: Record<string, unknown> }>;
    }>(t.server.url, t.admin, 'GET', `/audit?targetId=${mine.visitorId}&action=visitor.erased`);
    expect(audit.body.entries).toMatchObject([
      {
        id: erased.body.auditId,
        action: 'visitor.erased',
        details: { messages: before, files: 1 },
      },
    ]);
  });

  it('refuses agents, a wrong confirmation and unknown ids with stable codes', async () => {
    const mine = await visitorWithHistory(`lemon${rnd()}`);
    const agent = await plainAgent();
    for (const [method, route, body] of [
      ['GET', `/visitors/${mine.visitorId}/export`, undefined],
      ['POST', `/visitors/${mine.visitorId}/erase`, { confirm: await codeOf(mine.visitorId) }],
      ['GET', '/audit', undefined],
    ] as const) {
      const res = await agentCall<{ error: { code: string } }>(
        t.server.url,
        agent,
        method,
        route,
        body,
      );
      expect({ route, status: res.status, code: res.body.error.code }).toEqual({
        route,
        status: 403,
        code: 'FORBIDDEN',
      });
    }
    const wrong = await agentCall<{ error: { code: string } }>(
      t.server.url,
      t.admin,
      'POST',
      `/visitors/${mine.visitorId}/erase`,
      { confirm: '#0000x' },
    );
    expect([wrong.status, wrong.body.error.code]).toEqual([400, 'CONFIRMATION_MISMATCH']);
    const empty = await agentCall<{ error: { code: string } }>(
      t.server.url,
      t.admin,
      'POST',
      `/visitors/${mine.visitorId}/erase`,
      {},
    );
    expect([empty.status, empty.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    const unknown = await agentCall<{ error: { code: string } }>(
      t.server.url,
      t.admin,
      'GET',
      '/visitors/nobody-here/export',
    );
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'NOT_FOUND']);
    const bad = await agentCall<{ error: { code: string } }>(
      t.server.url,
      t.admin,
      'GET',
      '/visitors/bad%20id/export',
    );
    expect([bad.status, bad.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(await codeOf(mine.visitorId)).toBeTruthy();
  });
});
