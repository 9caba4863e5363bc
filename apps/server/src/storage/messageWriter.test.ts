import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { systemClock } from '../ports/clock.js';
import { insertConversation, insertSite, insertVisitor } from '../test/fixtures.js';
import { dialects, openMigrated } from '../test/storage.js';
import type { Storage } from './database.js';
import { MessageWriter, type PendingMessage } from './messageWriter.js';
import type { SiteRow, VisitorRow } from './schema.js';

describe.each(dialects)('MessageWriter on %s', (dialect) => {
  let storage: Storage;
  let cleanup: () => Promise<void>;
  let site: SiteRow;
  let writer: MessageWriter;

  beforeAll(async () => {
    ({ storage, cleanup } = await openMigrated(dialect));
    site = await insertSite(storage.db);
    writer = new MessageWriter(storage, systemClock, () => undefined);
  });
  afterAll(async () => {
    await writer.close();
    await cleanup();
  });

  async function freshConversation(status: 'queued' | 'closed' = 'queued') {
    const visitor: VisitorRow = await insertVisitor(storage.db, site);
    return insertConversation(storage.db, visitor, status);
  }
  const msg = (conversationId: string, clientId: string | null, body = 'hi'): PendingMessage => ({
    conversationId,
    clientId,
    author: { type: 'visitor', id: null, name: null },
    body,
    visibility: 'public',
  });

  it('gives concurrent sends consecutive seqs in the order they were submitted, in few transactions', async () => {
    const conv = await freshConversation();
    const before = writer.stats();
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        writer.write(msg(conv.id, `client-${i}-abcdef`, `m${i}`)),
      ),
    );
    expect(results.map((r) => r.message.seq)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    const rows = await storage.db
      .selectFrom('messages')
      .select(['seq', 'body'])
      .where('conversation_id', '=', conv.id)
      .orderBy('seq')
      .execute();
    expect(rows.map((r) => r.body)).toEqual(Array.from({ length: 100 }, (_, i) => `m${i}`));
    const after = writer.stats();
    expect(after.messages - before.messages).toBe(100);
    // Group commit: one transaction per event-loop turn, not one per message.
    expect(after.transactions - before.transactions).toBeLessThanOrEqual(5);
    const stored = await storage.db
      .selectFrom('conversations')
      .select(['last_seq', 'last_public_seq'])
      .where('id', '=', conv.id)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ last_seq: 100, last_public_seq: 100 });
  });

  it('commits one batch over many conversations with each one’s seqs, preview and retries right', async () => {
    const convs = await Promise.all(Array.from({ length: 6 }, () => freshConversation()));
    const before = writer.stats();
    const sends = convs.flatMap((c, n) =>
      [0, 1, 2].map((k) => writer.write(msg(c.id, `multi-${n}-${k}-abcdef`, `c${n} m${k}`))),
    );
    // A retry of a message of the same batch is answered with the original.
    sends.push(writer.write(msg(convs[0]!.id, 'multi-0-1-abcdef', 'resent')));
    const results = await Promise.all(sends);
    expect(writer.stats().transactions - before.transactions).toBeLessThanOrEqual(2);
    expect(results.at(-1)).toMatchObject({ duplicate: true, message: { body: 'c0 m1', seq: 2 } });
    const stored = await storage.db
      .selectFrom('conversations')
      .select(['id', 'last_seq', 'last_public_seq', 'last_message_body', 'last_message_author'])
      .where(
        'id',
        'in',
        convs.map((c) => c.id),
      )
      .execute();
    for (const [n, c] of convs.entries()) {
      expect(stored.find((s) => s.id === c.id)).toEqual({
        id: c.id,
        last_seq: 3,
        last_public_seq: 3,
        last_message_body: `c${n} m2`,
        last_message_author: 'visitor',
      });
    }
  });

  it('stores a message once however often the same clientId is sent', async () => {
    const conv = await freshConversation();
    const concurrent = await Promise.all(
      Array.from({ length: 5 }, () => writer.write(msg(conv.id, 'same-client-id-1'))),
    );
    const later = await writer.write(msg(conv.id, 'same-client-id-1'));
    const ids = new Set([...concurrent, later].map((r) => r.message.id));
    expect(ids.size).toBe(1);
    expect(concurrent.filter((r) => !r.duplicate)).toHaveLength(1);
    expect(later.duplicate).toBe(true);
    const count = await storage.db
      .selectFrom('messages')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('conversation_id', '=', conv.id)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it('refuses what the guard refuses without failing the rest of the batch', async () => {
    const open = await freshConversation();
    const closed = await freshConversation('closed');
    const guard = (c: { status: string }) =>
      c.status === 'closed' ? new AppError('CONVERSATION_CLOSED') : null;
    const results = await Promise.allSettled([
      writer.write({ ...msg(open.id, 'batch-ok-1-abc'), guard }),
      writer.write({ ...msg(closed.id, 'batch-closed-abc'), guard }),
      writer.write(msg('no-such-conversation', 'batch-missing-abc')),
      writer.write({ ...msg(open.id, 'batch-ok-2-abc'), guard }),
    ]);
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'rejected',
      'rejected',
      'fulfilled',
    ]);
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({
      code: 'CONVERSATION_CLOSED',
    });
    expect((results[2] as PromiseRejectedResult).reason).toMatchObject({ code: 'NOT_FOUND' });
    const seqs = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.message.seq] : []));
    expect(seqs).toEqual([1, 2]);
  });

  it('returns the original for a retry even after the conversation closed', async () => {
    const conv = await freshConversation();
    const first = await writer.write(msg(conv.id, 'retry-after-close'));
    await storage.db
      .updateTable('conversations')
      .set({ status: 'closed' })
      .where('id', '=', conv.id)
      .execute();
    const guard = (c: { status: string }) =>
      c.status === 'closed' ? new AppError('CONVERSATION_CLOSED') : null;
    const retry = await writer.write({ ...msg(conv.id, 'retry-after-close'), guard });
    expect(retry).toMatchObject({ duplicate: true, message: { id: first.message.id, seq: 1 } });
  });

  it('keeps private notes out of the public seq a visitor may know', async () => {
    const conv = await freshConversation();
    await writer.write(msg(conv.id, 'public-one-abc'));
    await writer.write({ ...msg(conv.id, 'private-one-abc'), visibility: 'private' });
    const row = await storage.db
      .selectFrom('conversations')
      .select(['last_seq', 'last_public_seq', 'last_message_body'])
      .where('id', '=', conv.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ last_seq: 2, last_public_seq: 1, last_message_body: 'hi' });
  });

  it('numbers public messages for the visitor without the notes between them, in one batch', async () => {
    const [a, b] = [await freshConversation(), await freshConversation()];
    const kinds = ['public', 'private', 'public', 'private', 'private', 'public'] as const;
    // One batch over two conversations: each keeps its own numbering, retries keep theirs.
    const results = await Promise.all(
      [a, b].flatMap((conv) =>
        kinds.map((visibility, i) =>
          writer.write({ ...msg(conv.id, `${conv.id}-${i}`), visibility }),
        ),
      ),
    );
    const numbers = results.map((r) => [r.message.seq, r.message.public_seq]);
    const expected = [
      [1, 1],
      [2, null],
      [3, 2],
      [4, null],
      [5, null],
      [6, 3],
    ];
    expect(numbers).toEqual([...expected, ...expected]);
    const retry = await writer.write({ ...msg(a.id, `${a.id}-2`), visibility: 'public' });
    expect(retry).toMatchObject({ duplicate: true, message: { seq: 3, public_seq: 2 } });
    const stored = await storage.db
      .selectFrom('conversations')
      .select(['last_seq', 'last_public_seq'])
      .where('id', 'in', [a.id, b.id])
      .execute();
    expect(stored).toEqual([
      { last_seq: 6, last_public_seq: 3 },
      { last_seq: 6, last_public_seq: 3 },
    ]);
  });
});
