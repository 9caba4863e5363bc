import type { Kysely } from 'kysely';
import { AppError, StorageUnavailableError } from '../errors.js';
import { newId } from '../ids.js';
import type { Clock } from '../ports/clock.js';
import { kyselyOps, SqliteBatchStatements, type BatchOps } from './batchOps.js';
import type { Storage } from './database.js';
import type { StorageFaults } from './faults.js';
import { BUSY, waitOutBusy, type Busy } from './sqliteDriver.js';
import type { ConversationRow, Database, MessageRow } from './schema.js';

export interface PendingMessage {
  conversationId: string;
  clientId: string | null;
  author: { type: MessageRow['author_type']; id: string | null; name: string | null };
  body: string;
  visibility: MessageRow['visibility'];
  kind?: MessageRow['kind'];
  /** Stored as JSON: choices of an options message, the choice of an answer. */
  payload?: Record<string, unknown> | null;
  /** Uploaded files this message carries; each must be the sender's, in this conversation, unsent. */
  attachmentIds?: string[];
  /**
   * Checked inside the transaction against the locked conversation row, after the duplicate
   * check (so a retry of an acknowledged send still gets its original, even once closed).
   */
  guard?: (conversation: ConversationRow) => AppError | null;
}

export interface WriteResult {
  message: MessageRow;
  /** The conversation row as committed at the end of this message's batch. */
  conversation: ConversationRow;
  duplicate: boolean;
}

type Outcome = { ok: true; value: WriteResult } | { ok: false; error: AppError };
interface Queued {
  item: PendingMessage;
  resolve: (r: WriteResult) => void;
  reject: (e: unknown) => void;
}

const MAX_BATCH = 256;
const PREVIEW_LENGTH = 200;
/** Fresh connections a batch may try after its connection broke under it. */
const LOST_CONNECTION_RETRIES = 2;

/**
 * Group commit: every send that arrives while a transaction is running joins the next one, so
 * the database sees one transaction per event-loop turn instead of one per message. A promise
 * resolves only after its transaction committed: an acknowledged message is durable.
 */
export class MessageWriter {
  private queue: Queued[] = [];
  private scheduled = false;
  private running: Promise<void> | null = null;
  private closed = false;
  private committed = { transactions: 0, messages: 0 };
  /** When the oldest queued send arrived (epoch ms): a locked SQLite is waited out until then + lockWaitMs. */
  private queuedSince = 0;

  private readonly db: Kysely<Database>;
  private readonly sqlite: SqliteBatchStatements | null;
  private readonly faults: StorageFaults;
  private readonly lockWaitMs: number;

  constructor(
    storage: Storage,
    private readonly clock: Clock,
    private readonly onBatchError: (err: unknown) => void,
    /** After each commit: sends in the transaction, and how many of them were new messages. */
    private readonly onBatchCommitted?: (size: number, messages: number) => void,
  ) {
    this.db = storage.db;
    this.sqlite = storage.raw ? new SqliteBatchStatements(storage.raw) : null;
    this.faults = storage.faults;
    this.lockWaitMs = storage.lockWaitMs;
  }

  write(item: PendingMessage): Promise<WriteResult> {
    if (this.closed) return Promise.reject(new AppError('SHUTTING_DOWN'));
    // Once per batch, not per message: the time of the send that opens the queue.
    if (this.queue.length === 0) this.queuedSince = Date.now();
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  /** How many transactions carried how many messages: the group-commit ratio. */
  stats(): { transactions: number; messages: number } {
    return { ...this.committed };
  }

  /** Stops taking new writes and waits for the queued ones to commit. */
  async close(): Promise<void> {
    this.closed = true;
    while (this.running || this.queue.length > 0) {
      if (!this.running) this.running = this.drain();
      await this.running;
    }
  }

  private schedule(): void {
    if (this.scheduled || this.running) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (!this.running) this.running = this.drain();
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        // Sends left queued behind a full batch keep the older time: they fail no later.
        const deadline = this.queuedSince + this.lockWaitMs;
        const batch = this.queue.splice(0, MAX_BATCH);
        await this.commit(batch, deadline);
      }
    } finally {
      this.running = null;
    }
  }

  private async commit(batch: Queued[], deadline: number, retries = 0): Promise<void> {
    let outcomes: Outcome[];
    try {
      outcomes = await this.runBatch(batch, deadline);
    } catch (err) {
      if (err instanceof StorageUnavailableError) {
        // Not any item's fault. A connection that broke mid-transaction (a terminated
        // session) gets another try on a fresh one, after the pool has heard of its other
        // broken connections; a retried commit that had gone through finds its clientIds and
        // answers the originals. Otherwise the whole batch fails now: retrying each alone
        // would only wait out the same outage once per message.
        if (err.fault === 'lost' && retries < LOST_CONNECTION_RETRIES) {
          await new Promise((resolve) => setImmediate(resolve));
          return this.commit(batch, deadline, retries + 1);
        }
        this.onBatchError(err);
        for (const q of batch) q.reject(err);
        return;
      }
      if (batch.length > 1) {
        // One bad item must not fail the others: retry each in a transaction of its own.
        for (const q of batch) await this.commit([q], deadline, retries);
        return;
      }
      this.onBatchError(err);
      batch[0]?.reject(new AppError('STORAGE_UNAVAILABLE'));
      return;
    }
    this.committed.transactions += 1;
    const fresh = outcomes.filter((o) => o.ok && !o.value.duplicate).length;
    this.committed.messages += fresh;
    this.onBatchCommitted?.(batch.length, fresh);
    outcomes.forEach((o, i) => {
      const q = batch[i]!;
      if (o.ok) q.resolve(o.value);
      else q.reject(o.error);
    });
  }

  /** One transaction for the batch: prepared statements on SQLite, Kysely with row locks on PostgreSQL. */
  private async runBatch(batch: Queued[], deadline: number): Promise<Outcome[]> {
    const sqlite = this.sqlite;
    if (!sqlite)
      return this.db.transaction().execute((trx) => this.apply(kyselyOps(trx, true), batch));
    // Holding Kysely's connection keeps every other query out while the raw statements run.
    const attempt = () =>
      this.db.connection().execute(async (): Promise<Outcome[] | Busy> => {
        if (!sqlite.tryBegin()) return BUSY;
        try {
          const outcomes = await this.apply(sqlite.ops(), batch);
          sqlite.commit.run();
          return outcomes;
        } catch (err) {
          sqlite.rollbackIfOpen();
          throw err;
        }
      });
    const first = await attempt();
    if (first !== BUSY) {
      this.faults.ok();
      return first;
    }
    // Another process holds the write lock: wait on timers, with the connection free for
    // other queries meanwhile, until the oldest send of the batch has waited lockWaitMs.
    return waitOutBusy(attempt, deadline, this.faults, undefined);
  }

  /** The files an item may attach, in its order, or null if any is not the sender's to send. */
  private async claimable(
    ops: BatchOps,
    item: PendingMessage,
    conversationId: string,
    claimed: Set<string>,
  ): Promise<Array<{ id: string; name: string; size: number; contentType: string }> | null> {
    const ids = [...new Set(item.attachmentIds)];
    const rows = await ops.unsentFiles(conversationId, ids);
    const mine = rows.filter(
      (r) =>
        r.uploader_type === item.author.type &&
        r.uploader_id === item.author.id &&
        !claimed.has(r.id),
    );
    if (mine.length !== ids.length) return null;
    for (const id of ids) claimed.add(id);
    return ids.map((id) => {
      const r = mine.find((m) => m.id === id)!;
      return { id: r.id, name: r.name, size: r.size, contentType: r.content_type };
    });
  }

  private async apply(ops: BatchOps, batch: Queued[]): Promise<Outcome[]> {
    const now = this.clock.now();
    const outcomes: Outcome[] = new Array<Outcome>(batch.length);
    const byConversation = groupByConversation(batch);
    // Lock conversations in one order on every node, so two batches never deadlock.
    const ids = [...byConversation.keys()].sort();
    const locked = new Map((await ops.lockConversations(ids)).map((c) => [c.id, c]));
    const stored = await storedByClientId(ops, batch, locked);
    const work: BatchWork = { inserts: [], claims: [], changed: [], claimedFiles: new Set() };
    for (const conversationId of ids) {
      const indexes = byConversation.get(conversationId)!;
      const conv = locked.get(conversationId);
      if (!conv) {
        for (const i of indexes) {
          outcomes[i] = { ok: false, error: new AppError('NOT_FOUND', 'Conversation not found.') };
        }
        continue;
      }
      await this.applyToConversation(ops, { conv, indexes, batch, stored, now, outcomes, work });
    }
    await ops.insertMessages(work.inserts);
    for (const [fileId, messageId] of work.claims) await ops.claimFile(fileId, messageId);
    await ops.updateConversations(work.changed);
    return outcomes;
  }

  /**
   * The sends of one locked conversation, in order: a known clientId answers with the original,
   * a guard may refuse, files must be the sender's and unsent; each new message takes the next
   * seq, and a public one the next public_seq. Fills `outcomes` and `work`.
   */
  private async applyToConversation(
    ops: BatchOps,
    c: {
      conv: ConversationRow;
      indexes: number[];
      batch: Queued[];
      stored: Map<string, MessageRow>;
      now: number;
      outcomes: Outcome[];
      work: BatchWork;
    },
  ): Promise<void> {
    const { conv, now, outcomes, work } = c;
    const conversationId = conv.id;
    const state: ConversationRow = { ...conv };
    const seen = new Map<string, MessageRow>();
    let changed = false;
    for (const i of c.indexes) {
      const item = c.batch[i]!.item;
      const original = item.clientId
        ? (seen.get(item.clientId) ?? c.stored.get(`${conversationId}\u0000${item.clientId}`))
        : undefined;
      if (original) {
        outcomes[i] = {
          ok: true,
          value: { message: original, conversation: state, duplicate: true },
        };
        continue;
      }
      const refusal = item.guard?.(state) ?? null;
      if (refusal) {
        outcomes[i] = { ok: false, error: refusal };
        continue;
      }
      const files = item.attachmentIds?.length
        ? await this.claimable(ops, item, conversationId, work.claimedFiles)
        : [];
      if (files === null) {
        outcomes[i] = { ok: false, error: UNKNOWN_FILE() };
        continue;
      }
      state.last_seq += 1;
      // The visitor's numbering comes from the locked row too: no query, no gap for a note.
      const publicSeq = item.visibility === 'public' ? state.last_public_seq + 1 : null;
      const row = messageRow(item, conversationId, [state.last_seq, publicSeq], files, now);
      if (publicSeq !== null) {
        state.last_public_seq = publicSeq;
        state.last_message_body = row.body.slice(0, PREVIEW_LENGTH);
        state.last_message_author = row.author_type;
        state.last_message_at = now;
      }
      work.inserts.push(row);
      for (const f of files) work.claims.push([f.id, row.id]);
      if (item.clientId) seen.set(item.clientId, row);
      outcomes[i] = { ok: true, value: { message: row, conversation: state, duplicate: false } };
      changed = true;
    }
    if (changed) work.changed.push(state);
  }
}

/** What one batch writes, gathered across its conversations. */
interface BatchWork {
  inserts: MessageRow[];
  claims: Array<[string, string]>;
  changed: ConversationRow[];
  claimedFiles: Set<string>;
}

const UNKNOWN_FILE = () =>
  new AppError('VALIDATION_FAILED', 'A file is unknown or already sent.', {
    attachmentIds: 'unknown file',
  });

/** Batch positions by conversation, each list in arrival order. */
function groupByConversation(batch: Queued[]): Map<string, number[]> {
  const byConversation = new Map<string, number[]>();
  batch.forEach((q, i) => {
    const list = byConversation.get(q.item.conversationId) ?? [];
    list.push(i);
    byConversation.set(q.item.conversationId, list);
  });
  return byConversation;
}

/** Messages already stored under the batch's clientIds (retried sends), by conversation+clientId. */
async function storedByClientId(
  ops: BatchOps,
  batch: Queued[],
  locked: Map<string, ConversationRow>,
): Promise<Map<string, MessageRow>> {
  const pairs: Array<readonly [string, string]> = [];
  for (const q of batch) {
    if (q.item.clientId && locked.has(q.item.conversationId))
      pairs.push([q.item.conversationId, q.item.clientId]);
  }
  return new Map(
    (await ops.messagesByClientIds(pairs)).map((m) => [
      `${m.conversation_id}\u0000${m.client_id}`,
      m,
    ]),
  );
}

function messageRow(
  item: Queued['item'],
  conversationId: string,
  [seq, publicSeq]: [number, number | null],
  files: Array<{ id: string; name: string; size: number; contentType: string }>,
  now: number,
): MessageRow {
  const payload =
    files.length > 0 ? { ...item.payload, attachments: files } : (item.payload ?? null);
  return {
    id: newId(now),
    conversation_id: conversationId,
    seq,
    public_seq: publicSeq,
    client_id: item.clientId,
    author_type: item.author.type,
    author_id: item.author.id,
    author_name: item.author.name,
    body: item.body,
    visibility: item.visibility,
    created_at: now,
    kind: item.kind ?? 'text',
    payload: payload ? JSON.stringify(payload) : null,
  };
}
