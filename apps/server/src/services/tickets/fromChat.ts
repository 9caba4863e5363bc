import type { TicketFromChatInput } from '@parley/protocol';
import { AppError } from '../../errors.js';
import { newId } from '../../ids.js';
import type { ConversationSnapshot } from '../../storage/conversations.js';
import type { AgentRow, TicketRow, VisitorRow } from '../../storage/schema.js';
import { inTransaction } from '../../storage/store.js';
import { ticketsOfChat, ticketView, type TicketView } from '../../storage/tickets.js';
import { insertTicket, logTicketed, visitorRow } from '../../storage/ticketWrites.js';
import { scopeOf } from '../access.js';
import {
  getAgentConversation,
  getVisitorConversation,
} from '../conversations/readConversations.js';
import type { Deps } from '../deps.js';
import { publicTranscript } from '../transcripts/chatTranscript.js';
import { customerMessage, newReplyToken, publishTicket } from './tickets.js';

const MAX_SUBJECT = 300;
/** The first message of a ticket as lists show it. */
const MAX_MESSAGE = 5000;

async function visitorOf(deps: Deps, c: ConversationSnapshot): Promise<VisitorRow> {
  const visitor = await visitorRow(deps.store, c.visitor_id);
  if (!visitor) throw new AppError('NOT_FOUND', 'Conversation not found.');
  return visitor;
}

/** The subject: the agent's, else the chat's title, else its first visitor line, else who it was with. */
function subjectOf(
  given: string | undefined,
  c: ConversationSnapshot,
  first: string | null,
): string {
  const line = (given ?? c.title ?? first ?? `Chat with ${c.visitor_name ?? c.visitor_code}`)
    .replace(/\s+/g, ' ')
    .trim();
  return line.length > MAX_SUBJECT ? `${line.slice(0, MAX_SUBJECT - 1)}…` : line;
}

/**
 * A ticket linked to a chat, its public transcript quoted as the first message (notes never
 * read), the requester the chat's visitor (their address if they gave one; '' keeps the ticket
 * an internal record until an agent sets one), in the chat's site and department.
 */
async function chatTicket(
  deps: Deps,
  c: ConversationSnapshot,
  visitor: VisitorRow,
  o: { agent: AgentRow | null; subject?: string | undefined },
): Promise<TicketRow> {
  const transcript = await publicTranscript(deps, c, visitor, {});
  const now = deps.clock.now();
  const name = visitor.name ?? c.visitor_name ?? visitor.code;
  const email = visitor.email ?? c.visitor_email ?? '';
  const ticket: TicketRow = {
    id: newId(now),
    site_id: c.site_id,
    visitor_id: c.visitor_id,
    conversation_id: c.id,
    name,
    email,
    message: transcript.text.slice(0, MAX_MESSAGE),
    status: 'open',
    created_at: now,
    updated_at: now,
    assignee_id: o.agent?.id ?? null,
    department_id: c.department_id,
    priority: 'normal',
    channel: 'chat',
    subject: subjectOf(o.subject, c, transcript.firstVisitorLine),
    reply_token: newReplyToken(),
  };
  const first = customerMessage(ticket.id, { name, email }, transcript.text, now);
  await inTransaction(deps.store, async (tx) => {
    await insertTicket(tx, ticket, [first]);
    await logTicketed(tx, {
      id: newId(now),
      conversationId: c.id,
      agentId: o.agent?.id ?? null,
      ticketId: ticket.id,
      at: now,
    });
  });
  publishTicket(deps, ticket);
  return ticket;
}

/** "Create ticket" on a chat, open or closed, by an agent who may open it; assigned to them. */
export async function ticketFromChat(
  deps: Deps,
  agent: AgentRow,
  conversationId: string,
  input: TicketFromChatInput,
): Promise<TicketView> {
  const c = await getAgentConversation(deps, agent, conversationId);
  const ticket = await chatTicket(deps, c, await visitorOf(deps, c), {
    agent,
    subject: input.subject,
  });
  const view = await ticketView(deps.store, { kind: 'all' }, ticket.id);
  if (!view) throw new AppError('NOT_FOUND', 'Ticket not found.');
  return view;
}

/** The tickets made from a chat, for an agent who may open the chat. */
export async function chatTickets(
  deps: Deps,
  agent: AgentRow,
  conversationId: string,
): Promise<TicketView[]> {
  const c = await getAgentConversation(deps, agent, conversationId);
  return ticketsOfChat(deps.store, await scopeOf(deps, agent), c.id);
}

/**
 * The widget's "also send it to the shop": the visitor's own chat arrives in the inbox as a
 * ticket linked to it, from the visitor at the address they typed.
 */
export async function transcriptToShop(
  deps: Deps,
  visitor: VisitorRow,
  input: { conversationId: string; email: string },
): Promise<void> {
  const c = await getVisitorConversation(deps, visitor, input.conversationId);
  const fresh = (await visitorRow(deps.store, visitor.id)) ?? visitor;
  await chatTicket(deps, c, { ...fresh, email: fresh.email ?? input.email }, { agent: null });
}
