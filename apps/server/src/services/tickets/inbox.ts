import type { Readable } from 'node:stream';
import type { TicketListQuery, TicketStatus, TicketUpdateInput } from '@parley/protocol';
import { canSeeConversation } from '../../domain/access.js';
import type { AgentLike } from '../../domain/actors.js';
import { AppError } from '../../errors.js';
import type { TicketAttachmentRow } from '../../storage/schema.js';
import {
  attachmentOf,
  attachmentsOf,
  badgeCount,
  countByStatus,
  listTicketViews,
  rawOf,
  threadOf,
  ticketView,
  type TicketFilters,
  type TicketMessageListed,
  type TicketView,
} from '../../storage/tickets.js';
import { activeAgent, departmentExists, setTicketFields } from '../../storage/ticketWrites.js';
import { scopeOf } from '../access.js';
import type { Deps } from '../deps.js';
import { publishTicket } from './tickets.js';

type ListQuery = Omit<TicketListQuery, 'limit'> & { limit: number };

function filtersOf(agent: AgentLike, q: ListQuery): TicketFilters {
  return {
    status: q.status,
    assigneeId: q.assignee === 'me' ? agent.id : q.assignee === 'unassigned' ? null : q.assignee,
    departmentId: q.departmentId,
    priority: q.priority,
    channel: q.channel,
  };
}

/** The inbox: the tickets the agent may see under the filters, with counts per status. */
export async function listTickets(
  deps: Deps,
  agent: AgentLike,
  q: ListQuery,
): Promise<{ tickets: TicketView[]; counts: Record<TicketStatus, number> }> {
  const scope = await scopeOf(deps, agent);
  const filters = filtersOf(agent, q);
  const [tickets, counts] = await Promise.all([
    listTicketViews(deps.store, scope, filters, q.limit),
    countByStatus(deps.store, scope, filters),
  ]);
  return { tickets, counts };
}

/** The "Tickets" badge: open tickets assigned to the agent or to nobody. */
export async function ticketBadge(deps: Deps, agent: AgentLike): Promise<number> {
  return badgeCount(deps.store, await scopeOf(deps, agent), agent.id);
}

/** A ticket the agent may see; any other is NOT_FOUND (its existence is not confirmed). */
export async function visibleTicket(deps: Deps, agent: AgentLike, id: string): Promise<TicketView> {
  const t = await ticketView(deps.store, await scopeOf(deps, agent), id);
  if (!t) throw new AppError('NOT_FOUND', 'Ticket not found.');
  return t;
}

export async function readTicket(
  deps: Deps,
  agent: AgentLike,
  id: string,
): Promise<{
  ticket: TicketView;
  messages: TicketMessageListed[];
  files: TicketAttachmentRow[];
}> {
  const ticket = await visibleTicket(deps, agent, id);
  const [messages, files] = await Promise.all([
    threadOf(deps.store, ticket.id),
    attachmentsOf(deps.store, ticket.id),
  ]);
  return { ticket, messages, files };
}

/** A file of a ticket's email, for an agent who may see the ticket. */
export async function openTicketFile(
  deps: Deps,
  agent: AgentLike,
  ticketId: string,
  fileId: string,
): Promise<{ file: TicketAttachmentRow; stream: Readable }> {
  const ticket = await visibleTicket(deps, agent, ticketId);
  const file = await attachmentOf(deps.store, ticket.id, fileId);
  if (!file) throw new AppError('NOT_FOUND', 'File not found.');
  return { file, stream: deps.files.read(file.storage_key) };
}

/** The email of one message exactly as it arrived. */
export async function ticketOriginal(
  deps: Deps,
  agent: AgentLike,
  ticketId: string,
  messageId: string,
): Promise<Buffer> {
  const ticket = await visibleTicket(deps, agent, ticketId);
  const raw = await rawOf(deps.store, ticket.id, messageId);
  if (!raw) throw new AppError('NOT_FOUND', 'This message has no original email.');
  return raw;
}

/** An assignee must be an active agent who may see the ticket where it will be. */
async function checkAssignee(
  deps: Deps,
  assigneeId: string,
  place: { site_id: string; department_id: string | null },
): Promise<void> {
  const assignee = await activeAgent(deps.store, assigneeId);
  if (!assignee || !canSeeConversation(await scopeOf(deps, assignee), place))
    throw new AppError('VALIDATION_FAILED', 'This agent cannot work on this ticket.', {
      assigneeId: 'not an agent of this site and department',
    });
}

async function checkDepartment(deps: Deps, departmentId: string): Promise<void> {
  if (!(await departmentExists(deps.store, departmentId)))
    throw new AppError('VALIDATION_FAILED', 'Unknown department.', {
      departmentId: 'unknown department',
    });
}

/** Status, priority, assignee and department, by an agent who may see the ticket. */
export async function updateTicket(
  deps: Deps,
  agent: AgentLike,
  id: string,
  patch: TicketUpdateInput,
): Promise<TicketView> {
  const before = await visibleTicket(deps, agent, id);
  const departmentId = patch.departmentId === undefined ? before.department_id : patch.departmentId;
  if (patch.departmentId) await checkDepartment(deps, patch.departmentId);
  const assigneeId = patch.assigneeId === undefined ? before.assignee_id : patch.assigneeId;
  // A new department must suit the assignee too, or the ticket would sit with someone who cannot see it.
  if (assigneeId && (patch.assigneeId !== undefined || patch.departmentId !== undefined))
    await checkAssignee(deps, assigneeId, { site_id: before.site_id, department_id: departmentId });
  await setTicketFields(deps.store, before.id, {
    ...(patch.status ? { status: patch.status } : {}),
    ...(patch.priority ? { priority: patch.priority } : {}),
    ...(patch.email ? { email: patch.email } : {}),
    assignee_id: assigneeId,
    department_id: departmentId,
    updated_at: deps.clock.now(),
  });
  const after = await ticketView(deps.store, { kind: 'all' }, before.id);
  if (!after) throw new AppError('NOT_FOUND', 'Ticket not found.');
  publishTicket(deps, after, before.department_id);
  return after;
}
