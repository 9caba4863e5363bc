import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from '../../storage/database.js';
import type { AgentRow, SiteRow } from '../../storage/schema.js';
import { testDeps } from '../../test/deps.js';
import { insertConversation, insertSite, insertVisitor } from '../../test/fixtures.js';
import { dialects, openMigrated } from '../../test/storage.js';
import { acceptConversation } from '../conversations/acceptConversation.js';
import { createAgent } from '../accounts/createAgent.js';
import type { Deps } from '../deps.js';
import { offerChat } from './offerChat.js';

/** Resolves once a backend other than `known` is blocked by one of `by` (pg_blocking_pids). */
async function blockedBy(storage: Storage, by: number[], known: number[]): Promise<number> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const rows = await sql<{ pid: number }>`
      select pid from pg_stat_activity
       where pg_blocking_pids(pid) && ${sql.val(by)}::int[]
         and not (pid = any(${sql.val(known.length ? known : [0])}::int[]))`.execute(storage.db);
    if (rows.rows[0]) return rows.rows[0].pid;
    if (Date.now() > deadline) throw new Error(`nothing blocked by ${by.join(', ')} within 10 s`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.runIf(dialects.includes('postgres'))('offerChat on PostgreSQL', () => {
  let storage: Storage;
  let cleanup: () => Promise<void>;
  let deps: Deps;
  let site: SiteRow;
  let ana: AgentRow;

  beforeAll(async () => {
    ({ storage, cleanup } = await openMigrated('postgres'));
    ({ deps } = testDeps(storage));
    site = await insertSite(storage.db);
    ana = await createAgent(deps, {
      email: 'ana@example.com',
      name: 'Ana',
      password: 'pw-ana-123456',
      role: 'agent',
    });
    await storage.db
      .updateTable('agents')
      .set({ status: 'online' })
      .where('id', '=', ana.id)
      .execute();
    ana = { ...ana, status: 'online' };
  });
  afterAll(async () => {
    await deps.writer.close();
    await cleanup();
  });

  it('does not deadlock with the agent it has locked accepting the same chat', async () => {
    const visitor = await insertVisitor(storage.db, site);
    const conv = await insertConversation(storage.db, visitor);

    // A third transaction holds the offers table, so that the routing pass stops right after
    // locking Ana's row (at its count of pending offers) while Ana accepts the chat.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let holderPid!: (pid: number) => void;
    const holding = new Promise<number>((resolve) => (holderPid = resolve));
    const holder = storage.db.transaction().execute(async (trx) => {
      await sql`lock table offers in access exclusive mode`.execute(trx);
      const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
      holderPid(rows[0]!.pid);
      await released;
    });
    const holderId = await holding;

    const offering = offerChat(deps, conv.id, [ana.id], 30);
    const offeringPid = await blockedBy(storage, [holderId], [holderId]);
    const accepting = acceptConversation(deps, ana, conv.id);
    // The accept waits on something (the pass's lock on Ana, or the held offers table).
    await blockedBy(storage, [holderId, offeringPid], [holderId, offeringPid]);
    release();
    await holder;

    const [offered, accepted] = await Promise.allSettled([offering, accepting]);
    expect(accepted.status, JSON.stringify(accepted)).toBe('fulfilled');
    // The chat was taken before the pass could claim it: nothing is offered.
    expect(offered).toEqual({ status: 'fulfilled', value: [] });
    const row = await storage.db
      .selectFrom('conversations')
      .select(['status', 'assignee_id'])
      .where('id', '=', conv.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'active', assignee_id: ana.id });
  });

  it('still makes two passes offering the same agent wait for each other', async () => {
    const visitor = await insertVisitor(storage.db, site);
    const conv = await insertConversation(storage.db, visitor);
    const other = await insertConversation(storage.db, await insertVisitor(storage.db, site));
    // Room for exactly one chat.
    await storage.db
      .updateTable('conversations')
      .set({ status: 'closed' })
      .where('assignee_id', '=', ana.id)
      .execute();
    await storage.db.updateTable('agents').set({ max_chats: 1 }).where('id', '=', ana.id).execute();
    try {
      const [a, b] = await Promise.all([
        offerChat(deps, conv.id, [ana.id], 30),
        offerChat(deps, other.id, [ana.id], 30),
      ]);
      // Room for one: the second pass counted the first one's offer under the lock.
      expect([...a, ...b]).toEqual([ana.id]);
    } finally {
      await storage.db
        .updateTable('agents')
        .set({ max_chats: null })
        .where('id', '=', ana.id)
        .execute();
    }
  });
});
