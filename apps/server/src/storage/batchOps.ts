import type BetterSqlite from 'better-sqlite3';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { ConversationRow, Database, MessageRow } from './schema.js';
import { isBusy } from './sqliteDriver.js';

export interface UnsentFile {
  id: string;
  name: string;
  size: number;
  content_type: string;
  uploader_type: string;
  uploader_id: string;
}

/**
 * The statements one group commit needs, inside an open transaction. The batch logic is
 * written once against this; each dialect supplies the fastest way to run them. Everything
 * is set-at-a-time, so a batch costs the same few round trips on PostgreSQL whatever its size.
 */
export interface BatchOps {
  /** Reads conversations and, on PostgreSQL, locks their rows (in id order) until commit. */
  lockConversations(ids: readonly string[]): Promise<ConversationRow[]>;
  /** Messages already stored under any of these (conversation, clientId) pairs. */
  messagesByClientIds(pairs: ReadonlyArray<readonly [string, string]>): Promise<MessageRow[]>;
  unsentFiles(conversationId: string, ids: string[]): Promise<UnsentFile[]>;
  insertMessages(rows: readonly MessageRow[]): Promise<void>;
  claimFile(id: string, messageId: string): Promise<void>;
  updateConversations(states: readonly ConversationRow[]): Promise<void>;
}

type Tx = Transaction<Database>;

/** Kysely inside a transaction: PostgreSQL (row locks with FOR UPDATE). */
export function kyselyOps(trx: Tx, lockRows: boolean): BatchOps {
  return {
    async lockConversations(ids) {
      if (ids.length === 0) return [];
      let q = trx.selectFrom('conversations').selectAll().where('id', 'in', ids).orderBy('id');
      if (lockRows) q = q.forUpdate();
      return q.execute();
    },
    async messagesByClientIds(pairs) {
      if (pairs.length === 0) return [];
      const rows = await trx
        .selectFrom('messages')
        .selectAll()
        .where('conversation_id', 'in', [...new Set(pairs.map((p) => p[0]))])
        .where('client_id', 'in', [...new Set(pairs.map((p) => p[1]))])
        .execute();
      const wanted = new Set(pairs.map(([c, k]) => `${c}\u0000${k}`));
      return rows.filter((r) => wanted.has(`${r.conversation_id}\u0000${r.client_id}`));
    },
    unsentFiles(conversationId, ids) {
      return trx
        .selectFrom('attachments')
        .select(['id', 'name', 'size', 'content_type', 'uploader_type', 'uploader_id'])
        .where('id', 'in', ids)
        .where('conversation_id', '=', conversationId)
        .where('message_id', 'is', null)
        .where('deleted_at', 'is', null)
        .execute();
    },
    async insertMessages(rows) {
      if (rows.length > 0)
        await trx
          .insertInto('messages')
          .values([...rows])
          .execute();
    },
    async claimFile(id, messageId) {
      await trx
        .updateTable('attachments')
        .set({ message_id: messageId })
        .where('id', '=', id)
        .execute();
    },
    async updateConversations(states) {
      if (states.length === 0) return;
      if (states.length === 1) {
        const c = states[0]!;
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
        return;
      }
      // One statement for every conversation of the batch: UPDATE ... FROM (VALUES ...).
      const values = sql.join(
        states.map(
          (c) =>
            sql`(${c.id}, ${c.last_seq}::integer, ${c.last_public_seq}::integer, ${c.last_message_body}::text, ${c.last_message_author}::text, ${c.last_message_at}::bigint)`,
        ),
      );
      await sql`UPDATE conversations AS c SET last_seq = v.last_seq, last_public_seq = v.last_public_seq, last_message_body = v.body, last_message_author = v.author, last_message_at = v.at FROM (VALUES ${values}) AS v(id, last_seq, last_public_seq, body, author, at) WHERE c.id = v.id`.execute(
        trx,
      );
    },
  };
}

const MESSAGE_COLUMNS =
  'id, conversation_id, seq, public_seq, client_id, author_type, author_id, author_name, body, visibility, created_at, kind, payload';

/**
 * SQLite through better-sqlite3 statements prepared once: the send path skips query building
 * and re-preparing, which the profile showed as a third of the server's time per message.
 * The caller holds Kysely's connection (its mutex) and the transaction around these calls.
 */
export class SqliteBatchStatements {
  private readonly begin: BetterSqlite.Statement;
  readonly commit: BetterSqlite.Statement;
  private readonly rollback: BetterSqlite.Statement;
  private readonly conversation: BetterSqlite.Statement;
  private readonly byClientId: BetterSqlite.Statement;
  private readonly insert: BetterSqlite.Statement;
  private readonly claim: BetterSqlite.Statement;
  private readonly update: BetterSqlite.Statement;
  private readonly file: BetterSqlite.Statement;

  constructor(private readonly raw: BetterSqlite.Database) {
    this.begin = raw.prepare('BEGIN IMMEDIATE');
    this.commit = raw.prepare('COMMIT');
    this.rollback = raw.prepare('ROLLBACK');
    this.conversation = raw.prepare('SELECT * FROM conversations WHERE id = ?');
    this.byClientId = raw.prepare(
      'SELECT * FROM messages WHERE conversation_id = ? AND client_id = ?',
    );
    this.insert = raw.prepare(
      `INSERT INTO messages (${MESSAGE_COLUMNS}) VALUES (@id, @conversation_id, @seq, @public_seq, @client_id, @author_type, @author_id, @author_name, @body, @visibility, @created_at, @kind, @payload)`,
    );
    this.claim = raw.prepare('UPDATE attachments SET message_id = ? WHERE id = ?');
    this.update = raw.prepare(
      'UPDATE conversations SET last_seq = @last_seq, last_public_seq = @last_public_seq, last_message_body = @last_message_body, last_message_author = @last_message_author, last_message_at = @last_message_at WHERE id = @id',
    );
    this.file = raw.prepare(
      'SELECT id, name, size, content_type, uploader_type, uploader_id FROM attachments WHERE id = ? AND conversation_id = ? AND message_id IS NULL AND deleted_at IS NULL',
    );
  }

  /**
   * BEGIN IMMEDIATE: takes the write lock before anything is read, so a lock held by another
   * process is met here, with nothing done yet. False when it is held (SQLITE_BUSY).
   */
  tryBegin(): boolean {
    try {
      this.begin.run();
      return true;
    } catch (err) {
      if (isBusy(err)) return false;
      throw err;
    }
  }

  /** Rolls back unless SQLite already did by itself (it does after some errors). */
  rollbackIfOpen(): void {
    if (this.raw.inTransaction) this.rollback.run();
  }

  ops(): BatchOps {
    return {
      lockConversations: (ids) =>
        Promise.resolve(
          ids
            .map((id) => this.conversation.get(id) as ConversationRow | undefined)
            .filter((c) => c !== undefined),
        ),
      messagesByClientIds: (pairs) =>
        Promise.resolve(
          pairs
            .map(([c, k]) => this.byClientId.get(c, k) as MessageRow | undefined)
            .filter((m) => m !== undefined),
        ),
      unsentFiles: (conversationId, ids) =>
        Promise.resolve(
          ids
            .map((id) => this.file.get(id, conversationId) as UnsentFile | undefined)
            .filter((f) => f !== undefined),
        ),
      insertMessages: (rows) => {
        for (const row of rows) this.insert.run(row);
        return Promise.resolve();
      },
      claimFile: (id, messageId) => {
        this.claim.run(messageId, id);
        return Promise.resolve();
      },
      updateConversations: (states) => {
        for (const c of states)
          this.update.run({
            id: c.id,
            last_seq: c.last_seq,
            last_public_seq: c.last_public_seq,
            last_message_body: c.last_message_body,
            last_message_author: c.last_message_author,
            last_message_at: c.last_message_at,
          });
        return Promise.resolve();
      },
    };
  }
}

export type { Kysely };
