import { randomBytes } from 'node:crypto';
import type { AgentLike } from '../../domain/actors.js';
import { replyAddress, replySubject } from '../../domain/ticketMail.js';
import { AppError } from '../../errors.js';
import { newId } from '../../ids.js';
import type { AgentRow, TicketMessageRow } from '../../storage/schema.js';
import {
  threadOf,
  ticketView,
  type TicketMessageListed,
  type TicketView,
} from '../../storage/tickets.js';
import { inTransaction } from '../../storage/store.js';
import {
  ensureReplyToken,
  insertTicketMessage,
  setDelivery,
  setTicketFields,
} from '../../storage/ticketWrites.js';
import type { Deps } from '../deps.js';
import { visibleTicket } from './inbox.js';
import { newReplyToken, publishTicket } from './tickets.js';

type Reply = { body: string; internal: boolean };

/** The domain Parley's Message-IDs are made at: the inbound domain, else MAIL_FROM's. */
export function mailDomain(deps: Pick<Deps, 'config'>): string {
  const fromDomain = /@([^>\s]+)>?\s*$/.exec(deps.config.mail.from)?.[1];
  return deps.config.inbound.domain ?? fromDomain ?? 'parley.invalid';
}

/** The ticket's reply token, made now for a ticket that has none (one written before tokens). */
async function tokenOf(deps: Deps, ticket: TicketView): Promise<string> {
  if (ticket.reply_token) return ticket.reply_token;
  return ensureReplyToken(deps.store, ticket.id, newReplyToken());
}

/** Threading: answer the customer's latest email, and list every id of the thread. */
function threading(thread: readonly TicketMessageListed[]) {
  const mailed = thread.filter((m) => m.message_id && m.internal === 0);
  const lastIn = [...mailed].reverse().find((m) => m.direction === 'in');
  return {
    inReplyTo: (lastIn ?? mailed.at(-1))?.message_id ?? null,
    references: mailed.map((m) => m.message_id!).slice(-20),
  };
}

/**
 * An agent answers a ticket: an internal note is stored for agents only and never mailed; a
 * reply is stored as "sending", mailed to the customer with threading headers and the
 * ticket's Reply-To address, then marked sent (or failed: MAIL_FAILED, the text kept).
 */
export async function replyToTicket(
  deps: Deps,
  agent: AgentLike & Pick<AgentRow, 'name'>,
  ticketId: string,
  input: Reply,
): Promise<{ ticket: TicketView; message: TicketMessageListed }> {
  const ticket = await visibleTicket(deps, agent, ticketId);
  // A ticket made from a chat whose visitor gave no address is a record until someone sets one.
  if (!input.internal && !ticket.email)
    throw new AppError('VALIDATION_FAILED', 'This ticket has no customer address: set one first.', {
      email: 'the customer has no address yet',
    });
  const now = deps.clock.now();
  const row: TicketMessageRow = {
    id: newId(now),
    ticket_id: ticket.id,
    direction: 'out',
    internal: input.internal ? 1 : 0,
    author_type: 'agent',
    author_id: agent.id,
    author_name: agent.name,
    author_email: null,
    body: input.body,
    raw: null,
    message_id: input.internal ? null : `${randomBytes(16).toString('hex')}@${mailDomain(deps)}`,
    in_reply_to: null,
    auto: 0,
    delivery: input.internal ? null : 'sending',
    created_at: now,
  };
  const thread = await threadOf(deps.store, ticket.id);
  const { inReplyTo, references } = threading(thread);
  row.in_reply_to = input.internal ? null : inReplyTo;
  await inTransaction(deps.store, async (tx) => {
    await insertTicketMessage(tx, row);
    await setTicketFields(tx, ticket.id, { updated_at: now });
  });
  if (!input.internal) await mail(deps, ticket, row, references);
  publishTicket(deps, ticket);
  const message = (await threadOf(deps.store, ticket.id)).find((m) => m.id === row.id)!;
  if (message.delivery === 'failed') throw new AppError('MAIL_FAILED');
  return { ticket: (await ticketView(deps.store, { kind: 'all' }, ticket.id)) ?? ticket, message };
}

async function mail(
  deps: Deps,
  ticket: TicketView,
  row: TicketMessageRow,
  references: string[],
): Promise<void> {
  const inbound = deps.config.inbound;
  const replyTo = inbound.domain
    ? replyAddress(
        { mailbox: inbound.mailbox, domain: inbound.domain },
        await tokenOf(deps, ticket),
      )
    : null;
  let delivery: 'sent' | 'failed' = 'sent';
  try {
    await deps.mailer.send({
      to: ticket.email,
      subject: replySubject(ticket.subject, `Your message to ${ticket.site_name}`),
      text: row.body,
      thread: {
        messageId: row.message_id!,
        inReplyTo: row.in_reply_to,
        references,
        replyTo,
        loopMark: ticket.id,
      },
    });
  } catch (err) {
    deps.log.warn({ err, ticketId: ticket.id }, 'ticket reply could not be mailed');
    delivery = 'failed';
  }
  await setDelivery(deps.store, row.id, delivery);
}
