import type { Insertable, Selectable } from 'kysely';
import type { Dialect } from './database.js';
import { insertRoutingEvent } from './routingEvents.js';
import type { RoutingEventKind, TagsTable } from './schema.js';
import type { Store, Tx } from './store.js';

type Db = Store;
export type TagRow = Selectable<TagsTable>;

/** What a chat shows of a tag. */
export interface TagBadge {
  id: string;
  name: string;
  color: string;
}

/** A chat's title and tags: what lists show besides its visitor. */
export interface ChatLabels {
  title: string | null;
  tags: TagBadge[];
}

export function listTags(db: Db): Promise<TagRow[]> {
  return db.selectFrom('tags').selectAll().orderBy('name_key').orderBy('id').execute();
}

export function findTag(db: Db, id: string): Promise<TagRow | undefined> {
  return db.selectFrom('tags').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Another tag holding this name (whatever its case), if any. */
export function findTagByKey(db: Db, nameKey: string): Promise<TagRow | undefined> {
  return db.selectFrom('tags').selectAll().where('name_key', '=', nameKey).executeTakeFirst();
}

export async function insertTag(db: Db, row: Insertable<TagsTable>): Promise<void> {
  await db.insertInto('tags').values(row).execute();
}

export async function updateTag(
  db: Db,
  id: string,
  patch: Partial<Pick<TagRow, 'name' | 'name_key' | 'color'>>,
): Promise<void> {
  await db.updateTable('tags').set(patch).where('id', '=', id).execute();
}

/** Takes the tag off every chat and deletes it; true when it existed. */
export async function deleteTag(db: Db, id: string): Promise<boolean> {
  await db.deleteFrom('conversation_tags').where('tag_id', '=', id).execute();
  const r = await db.deleteFrom('tags').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** The chats carrying a tag, to tell whoever sees them. */
export async function chatsWithTag(db: Db, tagId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('conversation_tags')
    .select('conversation_id')
    .where('tag_id', '=', tagId)
    .execute();
  return rows.map((r) => r.conversation_id);
}

/** Tags of each of these chats, by name. */
export async function tagsOfChats(
  db: Db,
  conversationIds: readonly string[],
): Promise<Map<string, TagBadge[]>> {
  const out = new Map<string, TagBadge[]>();
  if (conversationIds.length === 0) return out;
  const rows = await db
    .selectFrom('conversation_tags as ct')
    .innerJoin('tags as t', 't.id', 'ct.tag_id')
    .select(['ct.conversation_id', 't.id', 't.name', 't.color'])
    .where('ct.conversation_id', 'in', [...new Set(conversationIds)])
    .orderBy('t.name_key')
    .execute();
  for (const r of rows) {
    const list = out.get(r.conversation_id) ?? [];
    list.push({ id: r.id, name: r.name, color: r.color });
    out.set(r.conversation_id, list);
  }
  return out;
}

/** Titles and tags of these chats (chats without either get an empty entry). */
export async function labelsOfChats(
  db: Db,
  conversationIds: readonly string[],
): Promise<Map<string, ChatLabels>> {
  const ids = [...new Set(conversationIds)];
  if (ids.length === 0) return new Map();
  const [titles, tags] = await Promise.all([
    db.selectFrom('conversations').select(['id', 'title']).where('id', 'in', ids).execute(),
    tagsOfChats(db, ids),
  ]);
  return new Map(titles.map((t) => [t.id, { title: t.title, tags: tags.get(t.id) ?? [] }]));
}

export async function countChatTags(db: Db, conversationId: string): Promise<number> {
  const r = await db
    .selectFrom('conversation_tags')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('conversation_id', '=', conversationId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Puts a tag on a chat; false when it was there already (nothing changed). */
export async function addChatTag(
  db: Db,
  row: { conversationId: string; tagId: string; agentId: string; at: number },
): Promise<boolean> {
  const r = await db
    .insertInto('conversation_tags')
    .values({
      conversation_id: row.conversationId,
      tag_id: row.tagId,
      added_by: row.agentId,
      added_at: row.at,
    })
    .onConflict((oc) => oc.columns(['conversation_id', 'tag_id']).doNothing())
    .returning('tag_id')
    .executeTakeFirst();
  return r !== undefined;
}

/** Takes a tag off a chat; false when it was not there. */
export async function removeChatTag(
  db: Db,
  conversationId: string,
  tagId: string,
): Promise<boolean> {
  const r = await db
    .deleteFrom('conversation_tags')
    .where('conversation_id', '=', conversationId)
    .where('tag_id', '=', tagId)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/**
 * Serialises changes to one chat's labels: on PostgreSQL the chat's row is locked until the
 * transaction ends; SQLite has one writer anyway.
 */
export async function lockChatLabels(
  tx: Tx,
  dialect: Dialect,
  conversationId: string,
): Promise<void> {
  if (dialect !== 'postgres') return;
  await tx
    .selectFrom('conversations')
    .select('id')
    .where('id', '=', conversationId)
    .forUpdate()
    .execute();
}

/** Sets a chat's title and the words search finds it by, in the caller's transaction. */
export async function writeTitle(
  db: Db,
  conversationId: string,
  title: string | null,
  words: readonly string[],
): Promise<void> {
  await db.updateTable('conversations').set({ title }).where('id', '=', conversationId).execute();
  await db
    .deleteFrom('conversation_title_words')
    .where('conversation_id', '=', conversationId)
    .execute();
  if (words.length > 0)
    await db
      .insertInto('conversation_title_words')
      .values(words.map((word) => ({ conversation_id: conversationId, word })))
      .execute();
}

/** A line of the chat's routing log: who renamed or tagged it, and to what. */
export async function logLabelChange(
  db: Db,
  e: {
    id: string;
    conversationId: string;
    kind: Extract<RoutingEventKind, 'renamed' | 'tagged' | 'untagged'>;
    agentId: string;
    detail: string | null;
    at: number;
  },
): Promise<void> {
  await insertRoutingEvent(db, { ...e, actorId: e.agentId });
}
