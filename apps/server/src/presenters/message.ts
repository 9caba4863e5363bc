import type { Attachment, Message, PageCard, SendResult, SystemEvent } from '@parley/protocol';
import type { MessageRow } from '../storage/schema.js';

interface Payload {
  choices?: string[];
  messageId?: string;
  choice?: number;
  attachments?: Array<{ id: string; name: string; size: number; contentType: string }>;
  card?: PageCard;
  system?: SystemEvent;
}

const IMAGE = /^image\/(png|jpeg|gif|webp|avif|bmp)$/;

export function presentAttachment(a: {
  id: string;
  name: string;
  size: number;
  contentType: string;
}): Attachment {
  return {
    id: a.id,
    name: a.name,
    size: a.size,
    contentType: a.contentType,
    isImage: IMAGE.test(a.contentType),
  };
}

export function presentMessage(row: MessageRow): Message {
  const message: Message = {
    id: row.id,
    conversationId: row.conversation_id,
    seq: row.seq,
    clientId: row.client_id,
    author: { type: row.author_type, id: row.author_id, name: row.author_name },
    body: row.body,
    visibility: row.visibility,
    createdAt: new Date(row.created_at).toISOString(),
  };
  if (row.kind !== 'text') message.kind = row.kind;
  if (row.payload === null) return message;
  // Parsed only for the few messages that carry one: plain text stays on the fast path.
  const p = JSON.parse(row.payload) as Payload;
  if (p.choices) message.choices = p.choices;
  if (p.messageId !== undefined && p.choice !== undefined)
    message.answer = { messageId: p.messageId, choice: p.choice };
  if (p.attachments?.length) message.attachments = p.attachments.map(presentAttachment);
  if (p.card) message.card = p.card;
  if (p.system) message.system = p.system;
  return message;
}

/**
 * A message as a visitor sees it: numbered by public_seq, so the numbers run 1, 2, 3 with no
 * gap where a private note is. Only public messages have one; anything else is refused here.
 */
export function presentVisitorMessage(row: MessageRow): Message {
  return { ...presentMessage(row), seq: visitorSeq(row) };
}

/** The acknowledgement of a send: what the sender needs to order and dedupe its message. */
export function presentSendResult(r: { message: MessageRow; duplicate: boolean }): SendResult {
  return {
    id: r.message.id,
    seq: r.message.seq,
    createdAt: new Date(r.message.created_at).toISOString(),
    duplicate: r.duplicate,
  };
}

/** A visitor's acknowledgement, numbered like everything else the visitor sees. */
export function presentVisitorSendResult(r: {
  message: MessageRow;
  duplicate: boolean;
}): SendResult {
  return { ...presentSendResult(r), seq: visitorSeq(r.message) };
}

function visitorSeq(row: MessageRow): number {
  if (row.visibility !== 'public' || row.public_seq === null)
    throw new Error(`message ${row.id} is not public: it must never be presented to a visitor`);
  return row.public_seq;
}
