import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../ports/bus.js';
import type { Storage } from '../../storage/database.js';
import type { PendingMessage } from '../../storage/messageWriter.js';
import type { ConversationRow, VisitorRow } from '../../storage/schema.js';
import { testDeps } from '../../test/deps.js';
import { insertConversation, insertSite, insertVisitor } from '../../test/fixtures.js';
import { dialects, openMigrated } from '../../test/storage.js';
import { commitMessage } from './commitMessage.js';

/**
 * Two nodes on one database (each with its own bus and writer): a retried send is announced
 * once on a node, and again by a node that did not announce it itself, so that a message whose
 * committing node died before its fan-out still reaches the clients that stayed connected.
 */
describe.each(dialects)('announcing a committed message on %s', (dialect) => {
  let storage: Storage;
  let cleanup: () => Promise<void>;
  let a: ReturnType<typeof testDeps>;
  let b: ReturnType<typeof testDeps>;
  let visitor: VisitorRow;
  let conversation: ConversationRow;
  let n = 0;

  beforeAll(async () => {
    ({ storage, cleanup } = await openMigrated(dialect));
    a = testDeps(storage);
    b = testDeps(storage);
    const site = await insertSite(storage.db);
    visitor = await insertVisitor(storage.db, site);
    conversation = await insertConversation(storage.db, visitor);
  });
  afterAll(async () => {
    await a.deps.writer.close();
    await b.deps.writer.close();
    await cleanup();
  });

  const send = (): PendingMessage => {
    n += 1;
    return {
      conversationId: conversation.id,
      clientId: `client-${dialect}-${n}`,
      author: { type: 'visitor', id: visitor.id, name: visitor.code },
      body: `message ${n}`,
      visibility: 'public',
    };
  };
  const announcements = (events: DomainEvent[], messageId: string) =>
    events.filter((e) => e.type === 'message.created' && e.message.id === messageId);

  it('announces a message once on its node, however often it is retried there', async () => {
    const item = send();
    const first = await commitMessage(a.deps, item);
    const again = await commitMessage(a.deps, item);
    const third = await commitMessage(a.deps, item);
    expect(first.duplicate).toBe(false);
    expect([again.duplicate, third.duplicate]).toEqual([true, true]);
    expect(announcements(a.events, first.message.id)).toHaveLength(1);
  });

  it('announces a retry again on another node, once', async () => {
    const item = send();
    const first = await commitMessage(a.deps, item);
    await commitMessage(b.deps, item);
    await commitMessage(b.deps, item);
    expect(announcements(a.events, first.message.id)).toHaveLength(1);
    expect(announcements(b.events, first.message.id)).toHaveLength(1);
  });

  it('announces a message whose node died between its commit and its fan-out, on the retry', async () => {
    const item = send();
    // Committed, acknowledged to nobody, announced to nobody: the node was killed right there.
    const lost = await a.deps.writer.write(item);
    expect(a.events.filter((e) => e.type === 'message.created')).not.toContainEqual(
      expect.objectContaining({ message: lost.message }),
    );
    // The client resends with the same clientId through the balancer, to another node.
    const retry = await commitMessage(b.deps, item);
    expect(retry).toMatchObject({ duplicate: true, message: { id: lost.message.id } });
    expect(announcements(b.events, lost.message.id)).toEqual([
      expect.objectContaining({
        conversationId: conversation.id,
        visitorId: visitor.id,
        assigneeId: null,
        waiting: true,
      }),
    ]);
  });
});
