import { randomBytes } from 'node:crypto';
import { AppError } from '../../errors.js';
import { newId } from '../../ids.js';
import type { TicketMessageRow, TicketRow, VisitorRow } from '../../storage/schema.js';
import { inTransaction } from '../../storage/store.js';
import {
  insertTicket,
  setVisitorContact,
  visitorRow,
  waitingChatOf,
} from '../../storage/ticketWrites.js';
import { closeAsSystem } from '../conversations/closeConversation.js';
import type { Deps } from '../deps.js';
import { identityLocked, verifiedContact } from '../visitors/identity.js';
import { isBanned } from '../visitors/visitors.js';
import { limitVisitor } from '../visitors/abuseLimits.js';

/** The secret of a ticket's reply address: 128 random bits. */
export function newReplyToken(): string {
  return randomBytes(16).toString('hex');
}

/** A ticket's message from its customer, written by Parley (not received by email). */
export function customerMessage(
  ticketId: string,
  from: { name: string; email: string },
  body: string,
  now: number,
): TicketMessageRow {
  return {
    id: newId(now),
    ticket_id: ticketId,
    direction: 'in',
    internal: 0,
    author_type: 'customer',
    author_id: null,
    author_name: from.name,
    author_email: from.email || null,
    body,
    raw: null,
    message_id: null,
    in_reply_to: null,
    auto: 0,
    delivery: null,
    created_at: now,
  };
}

/** Tells the consoles that may see this ticket that it changed (after the commit). */
export function publishTicket(
  deps: Pick<Deps, 'bus'>,
  t: Pick<TicketRow, 'id' | 'site_id' | 'department_id'>,
  previousDepartmentId: string | null = t.department_id,
): void {
  deps.bus.publish({
    type: 'ticket.changed',
    ticketId: t.id,
    siteId: t.site_id,
    departmentId: t.department_id,
    previousDepartmentId,
  });
}

/**
 * The message form: when nobody can answer, the visitor leaves a message that becomes a ticket.
 * A chat still waiting for an agent is closed by it, so the visitor is not in line twice.
 * Limited per visitor and per address (`ip`, the connection's).
 */
export async function createTicket(
  deps: Deps,
  visitor: VisitorRow,
  input: { name: string; email: string; message: string },
  ip: string | null,
): Promise<TicketRow> {
  await limitVisitor(deps, 'tickets', { visitorId: visitor.id, ip });
  const fresh = await visitorRow(deps.store, visitor.id);
  if (await isBanned(deps, fresh ?? visitor)) throw new AppError('BANNED');
  // Signed identities only: the ticket is from the verified person, whatever the form says.
  const locked = await identityLocked(deps, visitor);
  const from = locked
    ? verifiedContact(fresh ?? visitor)
    : { name: input.name, email: input.email };
  const now = deps.clock.now();
  const open = await waitingChatOf(deps.store, visitor.id);
  const ticket: TicketRow = {
    id: newId(now),
    site_id: visitor.site_id,
    visitor_id: visitor.id,
    conversation_id: open?.id ?? null,
    name: from.name,
    email: from.email,
    message: input.message,
    status: 'open',
    created_at: now,
    updated_at: now,
    assignee_id: null,
    department_id: open?.department_id ?? null,
    priority: 'normal',
    channel: 'web_form',
    subject: null,
    reply_token: newReplyToken(),
  };
  const first = customerMessage(ticket.id, from, input.message, now);
  await inTransaction(deps.store, async (tx) => {
    await insertTicket(tx, ticket, [first]);
    // What the visitor typed in the form is theirs to correct later; it never links them to anyone else.
    if (!locked) await setVisitorContact(tx, visitor.id, { name: input.name, email: input.email });
  });
  publishTicket(deps, ticket);
  if (open) {
    await closeAsSystem(deps, open.id, 'The visitor left a message instead of waiting', {
      event: 'left_message',
    });
  }
  return ticket;
}
