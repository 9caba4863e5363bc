import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from '../../storage/database.js';
import type { AgentRow, SiteRow } from '../../storage/schema.js';
import { testDeps } from '../../test/deps.js';
import { insertConversation, insertSite, insertVisitor } from '../../test/fixtures.js';
import { dialects, openMigrated } from '../../test/storage.js';
import { acceptConversation } from './acceptConversation.js';
import { closeConversation } from './closeConversation.js';
import { createAgent } from '../accounts/createAgent.js';
import type { Deps } from '../deps.js';
import { sendAgentMessage, sendVisitorMessage } from '../messages/sendMessage.js';
import { startConversation } from './startConversation.js';

describe.each(dialects)('conversation rules on %s', (dialect) => {
  let storage: Storage;
  let cleanup: () => Promise<void>;
  let deps: Deps;
  let site: SiteRow;
  let ana: AgentRow;
  let ben: AgentRow;

  beforeAll(async () => {
    ({ storage, cleanup } = await openMigrated(dialect));
    ({ deps } = testDeps(storage));
    site = await insertSite(storage.db);
    ana = await createAgent(deps, {
      email: 'ana@example.com',
      name: 'Ana',
      password: 'pw-ana-123456',
      role: 'agent',
    });
    ben = await createAgent(deps, {
      email: 'ben@example.com',
      name: 'Ben',
      password: 'pw-ben-123456',
      role: 'agent',
    });
  });
  afterAll(async () => {
    await deps.writer.close();
    await cleanup();
  });

  it('opens one conversation per visitor however many tabs start one at once', async () => {
    const visitor = await insertVisitor(storage.db, site);
    const started = await Promise.all(
      Array.from({ length: 10 }, () => startConversation(deps, visitor)),
    );
    expect(new Set(started.map((c) => c.id)).size).toBe(1);
    const open = await storage.db
      .selectFrom('conversations')
      .select('id')
      .where('visitor_id', '=', visitor.id)
      .where('status', '!=', 'closed')
      .execute();
    expect(open).toHaveLength(1);
  });

  it('gives a chat to exactly one of two agents accepting at once, 100 times over', async () => {
    const tally = { ana: 0, ben: 0 };
    for (let trial = 0; trial < 100; trial++) {
      const visitor = await insertVisitor(storage.db, site);
      const conv = await insertConversation(storage.db, visitor);
      const [a, b] = await Promise.allSettled([
        acceptConversation(deps, ana, conv.id),
        acceptConversation(deps, ben, conv.id),
      ]);
      const wins = [a, b].filter((r) => r.status === 'fulfilled');
      const losses = [a, b].filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(wins).toHaveLength(1);
      expect(losses).toHaveLength(1);
      expect(losses[0]!.reason).toMatchObject({ code: 'ALREADY_TAKEN' });
      const owner = await storage.db
        .selectFrom('conversations')
        .select('assignee_id')
        .where('id', '=', conv.id)
        .executeTakeFirstOrThrow();
      expect([ana.id, ben.id]).toContain(owner.assignee_id);
      tally[owner.assignee_id === ana.id ? 'ana' : 'ben'] += 1;
    }
    expect(tally.ana + tally.ben).toBe(100);
  });

  it('accepts a waiting chat when an agent answers it, and refuses a reply to a chat someone else owns', async () => {
    const visitor = await insertVisitor(storage.db, site);
    const conv = await startConversation(deps, visitor);
    await sendVisitorMessage(deps, visitor, {
      conversationId: conv.id,
      clientId: 'visitor-first-01',
      body: 'Hi',
    });
    await sendAgentMessage(deps, ana, {
      conversationId: conv.id,
      clientId: 'ana-answer-0001',
      body: 'Hello!',
      visibility: 'public',
    });
    const row = await storage.db
      .selectFrom('conversations')
      .select(['status', 'assignee_id'])
      .where('id', '=', conv.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'active', assignee_id: ana.id });
    await expect(
      sendAgentMessage(deps, ben, {
        conversationId: conv.id,
        clientId: 'ben-intrudes-01',
        body: 'Me too',
        visibility: 'public',
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('closes once, refuses later sends and lets only the owner close', async () => {
    const visitor = await insertVisitor(storage.db, site);
    const conv = await startConversation(deps, visitor);
    await acceptConversation(deps, ana, conv.id);
    await expect(
      closeConversation(deps, { kind: 'agent', agent: ben }, conv.id),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const closed = await closeConversation(deps, { kind: 'agent', agent: ana }, conv.id);
    expect(closed).toMatchObject({ status: 'closed', closed_by: 'agent' });
    const again = await closeConversation(deps, { kind: 'visitor', visitor }, conv.id);
    expect(again.closed_at).toBe(closed.closed_at);
    await expect(
      sendVisitorMessage(deps, visitor, {
        conversationId: conv.id,
        clientId: 'after-close-01',
        body: 'Hello?',
      }),
    ).rejects.toMatchObject({ code: 'CONVERSATION_CLOSED' });
    const next = await startConversation(deps, visitor);
    expect(next.id).not.toBe(conv.id);
  });
});
