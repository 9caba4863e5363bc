import type BetterSqlite from 'better-sqlite3';
import type { Kysely, Transaction } from 'kysely';
import type { ConversationRow, Database, MessageRow } from './schema.js';

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
 * written once against this; each dialect supplies the fastest way to run them.
 */
export interface BatchOps {
  /** Reads a conversation and, on PostgreSQL, locks its row until commit. */
  lockConversation(id: string): Promise<ConversationRow | undefined>;
  messageByClientId(conversationId: string, clientId: string): Promise<MessageRow | undefined>;
  unsentFiles(conversationId: string, ids: string[]): Promise<UnsentFile[]>;
  insertMessage(row: MessageRow): Promise<void>;
  claimFile(id: string, messageId: string): Promise<void>;
  updateConversation(c: ConversationRow): Promise<void>;
}

type Tx = Transaction<Database>;

/** Kysely inside a transaction: PostgreSQL (row locks with FOR UPDATE). */
export function kyselyOps(trx: Tx, lockRows: boolean): BatchOps {
  return {
    async lockConversation(id) {
      let q = trx.selectFrom('conversations').selectAll().where('id', '=', id);
      if (lockRows) q = q.forUpdate();
      return q.executeTakeFirst();
    },
    messageByClientId(conversationId, clientId) {
      return trx
        .selectFrom('messages')
        .selectAll()
        .where('conversation_id', '=', conversationId)
        .where('client_id', '=', clientId)
        .executeTakeFirst();
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
    async insertMessage(row) {
      await trx.insertInto('messages').values(row).execute();
    },
    async claimFile(id, messageId) {
      await trx
        .updateTable('attachments')
        .set({ message_id: messageId })
        .where('id', '=', id)
        .execute();
    },
    async updateConversation(c) {
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
    },
  };
}

const MESSAGE_COLUMNS =
  'id, conversation_id, seq, client_id, author_type, author_id, author_name, body, visibility, created_at, kind, payload';

/**
 * SQLite through better-sqlite3 statements prepared once: the send path skips query building
 * and re-preparing, which the profile showed as a third of the server's time per message.
 * The caller holds Kysely's connection (its mutex) and the transaction around these calls.
 */
export class SqliteBatchStatements {
  readonly begin: BetterSqlite.Statement;
  readonly commit: BetterSqlite.Statement;
  readonly rollback: BetterSqlite.Statement;
  private readonly conversation: BetterSqlite.Statement;
  private readonly byClientId: BetterSqlite.Statement;
  private readonly insert: BetterSqlite.Statement;
  private readonly claim: BetterSqlite.Statement;
  private readonly update: BetterSqlite.Statement;
  private readonly file: BetterSqlite.Statement;

  constructor(raw: BetterSqlite.Database) {
    this.begin = raw.prepare('BEGIN IMMEDIATE');
    this.commit = raw.prepare('COMMIT');
    this.rollback = raw.prepare('ROLLBACK');
    this.conversation = raw.prepare('SELECT * FROM conversations WHERE id = ?');
    this.byClientId = raw.prepare(
      'SELECT * FROM messages WHERE conversation_id = ? AND client_id = ?',
    );
    this.insert = raw.prepare(
      `INSERT INTO messages (${MESSAGE_COLUMNS}) VALUES (@id, @conversation_id, @seq, @client_id, @author_type, @author_id, @author_name, @body, @visibility, @created_at, @kind, @payload)`,
    );
    this.claim = raw.prepare('UPDATE attachments SET message_id = ? WHERE id = ?');
    this.update = raw.prepare(
      'UPDATE conversations SET last_seq = @last_seq, last_public_seq = @last_public_seq, last_message_body = @last_message_body, last_message_author = @last_message_author, last_message_at = @last_message_at WHERE id = @id',
    );
    this.file = raw.prepare(
      'SELECT id, name, size, content_type, uploader_type, uploader_id FROM attachments WHERE id = ? AND conversation_id = ? AND message_id IS NULL AND deleted_at IS NULL',
    );
  }

  ops(): BatchOps {
    return {
      lockConversation: (id) =>
        Promise.resolve(this.conversation.get(id) as ConversationRow | undefined),
      messageByClientId: (conversationId, clientId) =>
        Promise.resolve(this.byClientId.get(conversationId, clientId) as MessageRow | undefined),
      unsentFiles: (conversationId, ids) =>
        Promise.resolve(
          ids
            .map((id) => this.file.get(id, conversationId) as UnsentFile | undefined)
            .filter((f) => f !== undefined),
        ),
      insertMessage: (row) => {
        this.insert.run(row);
        return Promise.resolve();
      },
      claimFile: (id, messageId) => {
        this.claim.run(messageId, id);
        return Promise.resolve();
      },
      updateConversation: (c) => {
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
