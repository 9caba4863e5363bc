import { conversationDefaults } from './rows.js';
import type { ConversationRow, ProactiveInvitationRow, SiteRow, VisitorRow } from './schema.js';
import type { Store } from './store.js';

/** The visitor as stored now (the same query tickets use as `visitorRow`). */
export { visitorRow as findVisitorById } from './ticketWrites.js';

/** What a site says about opening chats: on or off, its survey, signed identities only. */
export function siteChatRules(
  db: Store,
  siteId: string,
): Promise<
  Pick<SiteRow, 'chat_enabled' | 'prechat_fields' | 'require_verified_identity'> | undefined
> {
  return db
    .selectFrom('sites')
    .select(['chat_enabled', 'prechat_fields', 'require_verified_identity'])
    .where('id', '=', siteId)
    .executeTakeFirst();
}

/** Sets the name and/or email the visitor gave in the pre-chat survey. */
export async function renameVisitor(
  db: Store,
  visitorId: string,
  contact: { name?: string | null; email?: string | null },
): Promise<void> {
  await db
    .updateTable('visitors')
    .set({
      ...(contact.name !== undefined ? { name: contact.name } : {}),
      ...(contact.email !== undefined ? { email: contact.email } : {}),
    })
    .where('id', '=', visitorId)
    .execute();
}

/** The id of the visitor's conversation on their site that is not closed, if any. */
export async function openConversationId(
  db: Store,
  visitor: Pick<VisitorRow, 'id' | 'site_id'>,
): Promise<string | undefined> {
  const open = await db
    .selectFrom('conversations')
    .select('id')
    .where('visitor_id', '=', visitor.id)
    .where('site_id', '=', visitor.site_id)
    .where('status', '!=', 'closed')
    .executeTakeFirst();
  return open?.id;
}

/** How a new conversation starts: queued for anyone, or the inviting agent's from the start. */
export type OpeningFields = Pick<
  ConversationRow,
  'id' | 'status' | 'assignee_id' | 'department_id' | 'accepted_at' | 'prechat' | 'invited'
>;

/**
 * Inserts a web conversation for the visitor, from the page they are on, unless the partial
 * unique index finds one open already (nothing written then). True when a row was inserted.
 */
export async function insertConversationIfNone(
  db: Store,
  visitor: Pick<VisitorRow, 'id' | 'site_id' | 'current_url' | 'current_title'>,
  fields: OpeningFields,
  now: number,
): Promise<boolean> {
  const result = await db
    .insertInto('conversations')
    .values({
      ...conversationDefaults,
      ...fields,
      site_id: visitor.site_id,
      visitor_id: visitor.id,
      channel: 'web',
      subject: null,
      last_seq: 0,
      last_public_seq: 0,
      last_message_body: null,
      last_message_author: null,
      last_message_at: null,
      created_at: now,
      queued_at: now,
      closed_at: null,
      closed_by: null,
      start_url: visitor.current_url,
      start_title: visitor.current_title,
    })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}

/** An agent's invitation to this visitor (whatever its status). */
export function findVisitorInvitation(
  db: Store,
  invitationId: string,
  visitorId: string,
): Promise<ProactiveInvitationRow | undefined> {
  return db
    .selectFrom('proactive_invitations')
    .selectAll()
    .where('id', '=', invitationId)
    .where('visitor_id', '=', visitorId)
    .executeTakeFirst();
}

/** The visitor answered the invitation with this conversation, if it was still pending. */
export async function acceptVisitorInvitation(
  db: Store,
  invitationId: string,
  conversationId: string,
  now: number,
): Promise<void> {
  await db
    .updateTable('proactive_invitations')
    .set({ status: 'accepted', conversation_id: conversationId, answered_at: now })
    .where('id', '=', invitationId)
    .where('status', '=', 'pending')
    .execute();
}
