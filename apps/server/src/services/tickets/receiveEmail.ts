import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { MAX_NAME_LENGTH } from '@parley/protocol';
import { visibleEmailText } from '../../domain/emailText.js';
import { autoKind, type AutoKind } from '../../domain/mailLoops.js';
import { messageIdsIn, tokenOf, type InboundAddress } from '../../domain/ticketMail.js';
import { AppError } from '../../errors.js';
import { newId } from '../../ids.js';
import type { TicketAttachmentRow, TicketMessageRow, TicketRow } from '../../storage/schema.js';
import {
  isUniqueViolation,
  receivedBefore,
  ticketBySentMessageIds,
  ticketByToken,
} from '../../storage/tickets.js';
import { inTransaction } from '../../storage/store.js';
import {
  inboundSiteId,
  insertTicket,
  insertTicketMessage,
  setTicketFields,
} from '../../storage/ticketWrites.js';
import type { Deps } from '../deps.js';
import { dropFiles, keepAttachments } from './emailFiles.js';
import { newReplyToken, publishTicket } from './tickets.js';

export interface InboundMail {
  raw: Buffer;
  /** SMTP MAIL FROM ('' for the null sender of bounces). */
  mailFrom: string;
  rcptTo: readonly string[];
}

export type Received =
  | { kind: 'added' | 'created'; ticketId: string; auto: AutoKind | null }
  | { kind: 'ignored'; reason: AutoKind | 'no-sender' }
  | { kind: 'duplicate' };

/** What a ticket shows at most of one email; the original keeps the rest. */
const MAX_SHOWN = 100_000;

const addressesOf = (a: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(a) ? a : a ? [a] : []).flatMap((o) =>
    o.value.flatMap((v) => (v.address ? [v.address.toLowerCase()] : [])),
  );

/** Header name -> first value, as written (mailparser's parsed map turns some into objects). */
function headerMap(mail: ParsedMail): Map<string, string> {
  const map = new Map<string, string>();
  for (const { key, line } of mail.headerLines) {
    const value = line
      .slice(line.indexOf(':') + 1)
      .replace(/\r?\n[ \t]+/g, ' ')
      .trim();
    if (!map.has(key)) map.set(key, value);
  }
  return map;
}

function inboundOf(deps: Deps): InboundAddress | null {
  const { domain, mailbox } = deps.config.inbound;
  return domain ? { domain, mailbox } : null;
}

/**
 * The ticket an email answers: by the reply token in an address it was sent to, else by
 * threading headers naming a reply Parley sent. Never by the sender's address: anyone can
 * write any From. A wrong or forged token matches nothing.
 */
async function matchTicket(
  deps: Deps,
  mail: ParsedMail,
  rcptTo: readonly string[],
  headers: Map<string, string>,
): Promise<TicketRow | undefined> {
  const inbound = inboundOf(deps);
  const recipients = [...rcptTo, ...addressesOf(mail.to), ...addressesOf(mail.cc)];
  for (const address of inbound ? recipients : []) {
    const token = tokenOf(address, inbound!);
    const found = token ? await ticketByToken(deps.store, token) : undefined;
    if (found) return found;
  }
  const ids = [
    ...messageIdsIn(headers.get('in-reply-to')),
    ...messageIdsIn(headers.get('references')),
  ];
  return ticketBySentMessageIds(deps.store, ids);
}

/** The site a new email's ticket belongs to: INBOUND_SITE's, else the oldest live site. */
async function inboundSite(deps: Deps): Promise<string> {
  const site = await inboundSiteId(deps.store, deps.config.inbound.siteKey);
  if (!site) throw new AppError('NOT_FOUND', 'No site takes email.');
  return site;
}

/**
 * One email delivered to the support address: added to the ticket it answers, or a new
 * ticket (channel email). Automatic mail (auto-replies, bounces, lists, our own mail coming
 * back) joins a ticket it answers, marked and without reopening it, but never starts one.
 */
export async function receiveEmail(deps: Deps, input: InboundMail): Promise<Received> {
  const mail = await simpleParser(input.raw, { skipImageLinks: true });
  const headers = headerMap(mail);
  const sender = mail.from?.value.find((v) => v.address);
  const senderAddress = (sender?.address ?? input.mailFrom).toLowerCase();
  const own = [deps.config.mail.from.replace(/^.*<|>.*$/g, '')];
  const inbound = inboundOf(deps);
  if (inbound) own.push(`${inbound.mailbox}@${inbound.domain}`);
  const auto = autoKind({ headers, envelopeFrom: input.mailFrom, from: senderAddress }, own);
  const messageId = messageIdsIn(headers.get('message-id'))[0] ?? null;
  if (messageId && (await receivedBefore(deps.store, messageId))) return { kind: 'duplicate' };

  const ticket = await matchTicket(deps, mail, input.rcptTo, headers);
  if (!ticket && auto) return { kind: 'ignored', reason: auto };
  if (!senderAddress) return { kind: 'ignored', reason: 'no-sender' };
  const now = deps.clock.now();
  const text = (mail.text ?? '').slice(0, MAX_SHOWN * 2);
  const row: TicketMessageRow = {
    id: newId(now),
    ticket_id: ticket?.id ?? newId(now),
    direction: 'in',
    internal: 0,
    author_type: 'customer',
    author_id: null,
    author_name: sender?.name?.slice(0, MAX_NAME_LENGTH) || null,
    author_email: senderAddress,
    body: (visibleEmailText(text) || '(no text)').slice(0, MAX_SHOWN),
    raw: input.raw,
    message_id: messageId,
    in_reply_to: messageIdsIn(headers.get('in-reply-to'))[0] ?? null,
    auto: auto ? 1 : 0,
    delivery: null,
    created_at: now,
  };
  const files = await keepAttachments(deps, mail.attachments, {
    ticketId: row.ticket_id,
    messageId: row.id,
    now,
  });
  try {
    return ticket
      ? await addToTicket(deps, ticket, row, files, auto)
      : await newEmailTicket(deps, mail, row, files);
  } catch (err) {
    await dropFiles(deps, files);
    // The same email, delivered at the same moment to another node, won the race.
    if (messageId && isUniqueViolation(err)) return { kind: 'duplicate' };
    throw err;
  }
}

async function addToTicket(
  deps: Deps,
  ticket: TicketRow,
  row: TicketMessageRow,
  files: TicketAttachmentRow[],
  auto: AutoKind | null,
): Promise<Received> {
  await inTransaction(deps.store, async (tx) => {
    await insertTicketMessage(tx, row, files);
    // The customer answered: the ticket is ours to handle again. A robot's answer changes nothing.
    await setTicketFields(
      tx,
      ticket.id,
      auto ? { updated_at: row.created_at } : { updated_at: row.created_at, status: 'open' },
    );
  });
  publishTicket(deps, ticket);
  return { kind: 'added', ticketId: ticket.id, auto };
}

async function newEmailTicket(
  deps: Deps,
  mail: ParsedMail,
  row: TicketMessageRow,
  files: TicketAttachmentRow[],
): Promise<Received> {
  const ticket: TicketRow = {
    id: row.ticket_id,
    site_id: await inboundSite(deps),
    visitor_id: null,
    conversation_id: null,
    name: row.author_name ?? row.author_email!,
    email: row.author_email!,
    message: row.body.slice(0, 5000),
    status: 'open',
    created_at: row.created_at,
    updated_at: row.created_at,
    assignee_id: null,
    department_id: null,
    priority: 'normal',
    channel: 'email',
    subject: mail.subject?.trim().slice(0, 300) || null,
    reply_token: newReplyToken(),
  };
  await inTransaction(deps.store, (tx) => insertTicket(tx, ticket, [row], files));
  publishTicket(deps, ticket);
  return { kind: 'created', ticketId: ticket.id, auto: null };
}
