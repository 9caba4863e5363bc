import type { Kysely } from 'kysely';
import { newId, newSiteKey } from '../ids.js';
import { conversationDefaults, siteDefaults, visitorDefaults } from '../storage/rows.js';
import type { ConversationRow, Database, SiteRow, VisitorRow } from '../storage/schema.js';

/** Rows inserted directly, for storage tests that sit below the services. */
export async function insertSite(db: Kysely<Database>): Promise<SiteRow> {
  const site: SiteRow = {
    id: newId(),
    key: newSiteKey(),
    name: 'Test site',
    allowed_origins: '[]',
    chat_enabled: 1,
    greeting: 'Hello',
    accent_color: '#1c7ed6',
    created_at: Date.now(),
    ...siteDefaults,
  };
  await db.insertInto('sites').values(site).execute();
  return site;
}

export async function insertVisitor(db: Kysely<Database>, site: SiteRow): Promise<VisitorRow> {
  const v: VisitorRow = {
    id: newId(),
    site_id: site.id,
    token_hash: newId(),
    code: '#1234',
    name: null,
    email: null,
    contact_id: null,
    created_at: Date.now(),
    last_seen_at: Date.now(),
    ...visitorDefaults,
  };
  await db.insertInto('visitors').values(v).execute();
  return v;
}

export async function insertConversation(
  db: Kysely<Database>,
  visitor: VisitorRow,
  status: ConversationRow['status'] = 'queued',
): Promise<ConversationRow> {
  const now = Date.now();
  const c: ConversationRow = {
    id: newId(),
    site_id: visitor.site_id,
    visitor_id: visitor.id,
    channel: 'web',
    status,
    assignee_id: null,
    department_id: null,
    subject: null,
    last_seq: 0,
    last_public_seq: 0,
    last_message_body: null,
    last_message_author: null,
    last_message_at: null,
    created_at: now,
    queued_at: now,
    accepted_at: null,
    closed_at: status === 'closed' ? now : null,
    closed_by: status === 'closed' ? 'agent' : null,
    ...conversationDefaults,
  };
  await db.insertInto('conversations').values(c).execute();
  return c;
}
