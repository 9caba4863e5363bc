import type { Message } from '@parley/protocol';
import type { MessageRow } from '../storage/schema.js';

export function presentMessage(row: MessageRow): Message {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    seq: row.seq,
    clientId: row.client_id,
    author: { type: row.author_type, id: row.author_id, name: row.author_name },
    body: row.body,
    visibility: row.visibility,
    createdAt: new Date(row.created_at).toISOString(),
  };
}
