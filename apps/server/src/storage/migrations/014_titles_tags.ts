import type { Kysely } from 'kysely';

/**
 * Chat titles ("Rename chat") and tags.
 *
 * `conversations.title` is what lists show instead of the visitor. `tags` are the
 * installation's labels (admins manage them); `name_key` is the name folded to lower case, so
 * "Refund" and "refund" cannot both exist, on either dialect alike. `conversation_tags` says
 * which chat carries which tag, who put it there and when; deleting a tag takes it off every
 * chat. `conversation_title_words` holds each title's words folded (lower case, no accents),
 * written in the transaction that sets the title, so search finds a title the way it finds a
 * message: by exact word lookups, typo spellings included. `routing_events.detail` names the
 * title or tag of a renamed/tagged/untagged entry as it was then.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('conversations').addColumn('title', 'text').execute();
  await db.schema.alterTable('routing_events').addColumn('detail', 'text').execute();

  await db.schema
    .createTable('tags')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull().unique())
    .addColumn('color', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('conversation_tags')
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id'))
    .addColumn('tag_id', 'text', (c) => c.notNull().references('tags.id').onDelete('cascade'))
    .addColumn('added_by', 'text', (c) => c.references('agents.id'))
    .addColumn('added_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('conversation_tags_pk', ['conversation_id', 'tag_id'])
    .execute();
  // The tag filter of the Archive and search starts from the tag.
  await db.schema
    .createIndex('conversation_tags_tag')
    .on('conversation_tags')
    .columns(['tag_id', 'conversation_id'])
    .execute();

  await db.schema
    .createTable('conversation_title_words')
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id'))
    .addColumn('word', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('conversation_title_words_pk', ['conversation_id', 'word'])
    .execute();
  await db.schema
    .createIndex('conversation_title_words_word')
    .on('conversation_title_words')
    .columns(['word', 'conversation_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['conversation_title_words', 'conversation_tags', 'tags'])
    await db.schema.dropTable(t).ifExists().execute();
  await db.schema.alterTable('routing_events').dropColumn('detail').execute();
  await db.schema.alterTable('conversations').dropColumn('title').execute();
}
