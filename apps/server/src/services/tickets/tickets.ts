import type { TicketStatus } from '@parley/protocol';
import { AppError } from '../../errors.js';
import { newId } from '../../ids.js';
import type { TicketRow, VisitorRow } from '../../storage/schema.js';
import { closeAsSystem } from '../conversations/closeConversation.js';
import type { AgentLike } from '../../domain/actors.js';
import { siteVisible } from '../../storage/access.js';
import { scopeOf } from '../access.js';
import type { Deps } from '../deps.js';
import { identityLocked, verifiedContact } from '../visitors/identity.js';
import { isBanned } from '../visitors/visitors.js';
import { limitVisitor } from '../visitors/abuseLimits.js';

export interface TicketView extends TicketRow {
  site_name: string;
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
  const fresh = await deps.db
    .selectFrom('visitors')
    .selectAll()
    .where('id', '=', visitor.id)
    .executeTakeFirst();
  if (await isBanned(deps, fresh ?? visitor)) throw new AppError('BANNED');
  // Signed identities only: the ticket is from the verified person, whatever the form says.
  const locked = await identityLocked(deps, visitor);
  const from = locked
    ? verifiedContact(fresh ?? visitor)
    : { name: input.name, email: input.email };
  const now = deps.clock.now();
  const open = await deps.db
    .selectFrom('conversations')
    .select(['id', 'status'])
    .where('visitor_id', '=', visitor.id)
    .where('status', 'in', ['queued', 'offered'])
    .executeTakeFirst();
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
  };
  await deps.db.transaction().execute(async (trx) => {
    await trx.insertInto('tickets').values(ticket).execute();
    // What the visitor typed in the form is theirs to correct later; it never links them to anyone else.
    if (!locked)
      await trx
        .updateTable('visitors')
        .set({ name: input.name, email: input.email })
        .where('id', '=', visitor.id)
        .execute();
  });
  if (open) {
    await closeAsSystem(deps, open.id, 'The visitor left a message instead of waiting', {
      event: 'left_message',
    });
  }
  return ticket;
}

/** Tickets of the sites the agent works on (domain/access.ts). */
export async function listTickets(
  deps: Deps,
  agent: AgentLike,
  status: TicketStatus | undefined,
  limit: number,
): Promise<TicketView[]> {
  let q = deps.db
    .selectFrom('tickets as t')
    .innerJoin('sites as s', 's.id', 't.site_id')
    .selectAll('t')
    .select('s.name as site_name')
    .where(siteVisible(await scopeOf(deps, agent), 't.site_id'))
    .orderBy('t.created_at', 'desc')
    .limit(limit);
  if (status) q = q.where('t.status', '=', status);
  return q.execute();
}

/** A ticket of a site the agent does not work on is NOT_FOUND, and unchanged. */
export async function setTicketStatus(
  deps: Deps,
  agent: AgentLike,
  id: string,
  status: TicketStatus,
): Promise<TicketView> {
  await deps.db
    .updateTable('tickets')
    .set({ status })
    .where('id', '=', id)
    .where(siteVisible(await scopeOf(deps, agent), 'site_id'))
    .execute();
  const [row] = await deps.db
    .selectFrom('tickets as t')
    .innerJoin('sites as s', 's.id', 't.site_id')
    .selectAll('t')
    .select('s.name as site_name')
    .where('t.id', '=', id)
    .where(siteVisible(await scopeOf(deps, agent), 't.site_id'))
    .execute();
  if (!row) throw new AppError('NOT_FOUND', 'Ticket not found.');
  return row;
}
