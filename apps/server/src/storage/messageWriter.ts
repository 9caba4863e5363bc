import type { Kysely, Transaction } from 'kysely';
import { AppError } from '../errors.js';
import { newId } from '../ids.js';
import type { Clock } from '../ports/clock.js';
import type { Dialect } from './database.js';
import type { ConversationRow, Database, MessageRow, NewMessage } from './schema.js';

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

  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: Dialect,
    private readonly clock: Clock,
    private readonly onBatchError: (err: unknown) => void,
  ) {}

  write(item: PendingMessage): Promise<WriteResult> {
    if (this.closed) return Promise.reject(new AppError('SHUTTING_DOWN'));
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
        const batch = this.queue.splice(0, MAX_BATCH);
        await this.commit(batch);
      }
    } finally {
      this.running = null;
    }
  }

  private async commit(batch: Queued[]): Promise<void> {
    let outcomes: Outcome[];
    try {
      outcomes = await this.db.transaction().execute((trx) => this.apply(trx, batch));
    } catch (err) {
      if (batch.length > 1) {
        // One bad item must not fail the others: retry each in a transaction of its own.
        for (const q of batch) await this.commit([q]);
        return;
      }
      this.onBatchError(err);
      batch[0]?.reject(new AppError('STORAGE_UNAVAILABLE'));
      return;
    }
    this.committed.transactions += 1;
    this.committed.messages += outcomes.filter((o) => o.ok && !o.value.duplicate).length;
    outcomes.forEach((o, i) => {
      const q = batch[i]!;
      if (o.ok) q.resolve(o.value);
      else q.reject(o.error);
    });
  }

  /** The files an item may attach, in its order, or null if any is not the sender's to send. */
  private async claimable(
    trx: Transaction<Database>,
    item: PendingMessage,
    conversationId: string,
    claimed: Set<string>,
  ): Promise<Array<{ id: string; name: string; size: number; contentType: string }> | null> {
    const ids = [...new Set(item.attachmentIds)];
    const rows = await trx
      .selectFrom('attachments')
      .select(['id', 'name', 'size', 'content_type', 'uploader_type', 'uploader_id'])
      .where('id', 'in', ids)
      .where('conversation_id', '=', conversationId)
      .where('message_id', 'is', null)
      .where('deleted_at', 'is', null)
      .execute();
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

  private async apply(trx: Transaction<Database>, batch: Queued[]): Promise<Outcome[]> {
    const now = this.clock.now();
    const outcomes: Outcome[] = new Array<Outcome>(batch.length);
    // Lock conversations in one order on every node, so two batches never deadlock.
    const byConversation = new Map<string, number[]>();
    batch.forEach((q, i) => {
      const list = byConversation.get(q.item.conversationId) ?? [];
      list.push(i);
      byConversation.set(q.item.conversationId, list);
    });
    const inserts: NewMessage[] = [];
    const claims: Array<{ id: string; messageId: string }> = [];
    const claimedInBatch = new Set<string>();
    const touched: ConversationRow[] = [];

    for (const conversationId of [...byConversation.keys()].sort()) {
      const indexes = byConversation.get(conversationId)!;
      let locked = trx.selectFrom('conversations').selectAll().where('id', '=', conversationId);
      if (this.dialect === 'postgres') locked = locked.forUpdate();
      const conv = await locked.executeTakeFirst();
      if (!conv) {
        for (const i of indexes)
          outcomes[i] = { ok: false, error: new AppError('NOT_FOUND', 'Conversation not found.') };
        continue;
      }
      const clientIds = indexes
        .map((i) => batch[i]!.item.clientId)
        .filter((c): c is string => c !== null);
      const existing = new Map<string, MessageRow>();
      if (clientIds.length > 0) {
        const rows = await trx
          .selectFrom('messages')
          .selectAll()
          .where('conversation_id', '=', conversationId)
          .where('client_id', 'in', [...new Set(clientIds)])
          .execute();
        for (const r of rows) existing.set(r.client_id!, r);
      }
      const state: ConversationRow = { ...conv };
      let changed = false;
      for (const i of indexes) {
        const item = batch[i]!.item;
        const original = item.clientId ? existing.get(item.clientId) : undefined;
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
          ? await this.claimable(trx, item, conversationId, claimedInBatch)
          : [];
        if (files === null) {
          outcomes[i] = {
            ok: false,
            error: new AppError('VALIDATION_FAILED', 'A file is unknown or already sent.', {
              attachmentIds: 'unknown file',
            }),
          };
          continue;
        }
        state.last_seq += 1;
        const row: MessageRow = {
          id: newId(now),
          conversation_id: conversationId,
          seq: state.last_seq,
          client_id: item.clientId,
          author_type: item.author.type,
          author_id: item.author.id,
          author_name: item.author.name,
          body: item.body,
          visibility: item.visibility,
          created_at: now,
          kind: item.kind ?? 'text',
          payload:
            files.length > 0
              ? JSON.stringify({ ...item.payload, attachments: files })
              : item.payload
                ? JSON.stringify(item.payload)
                : null,
        };
        for (const f of files) claims.push({ id: f.id, messageId: row.id });
        if (row.visibility === 'public') {
          state.last_public_seq = row.seq;
          state.last_message_body = row.body.slice(0, PREVIEW_LENGTH);
          state.last_message_author = row.author_type;
          state.last_message_at = now;
        }
        inserts.push(row);
        if (item.clientId) existing.set(item.clientId, row);
        outcomes[i] = { ok: true, value: { message: row, conversation: state, duplicate: false } };
        changed = true;
      }
      if (changed) touched.push(state);
    }

    for (let i = 0; i < inserts.length; i += 64) {
      await trx
        .insertInto('messages')
        .values(inserts.slice(i, i + 64))
        .execute();
    }
    for (const claim of claims) {
      await trx
        .updateTable('attachments')
        .set({ message_id: claim.messageId })
        .where('id', '=', claim.id)
        .execute();
    }
    for (const c of touched) {
      await trx
        .updateTable('conversations')
        .set({
          last_seq: c.last_seq,
          last_public_seq: c.last_public_seq,
          last_message_body: c.last_message_body,
          last_message_author: c.last_message_author,
          last_message_at: c.last_message_at,
        })
        .where('id', '=', c.id)
        .execute();
    }
    return outcomes;
  }
}
