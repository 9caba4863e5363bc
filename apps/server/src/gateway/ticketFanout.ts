import type { AgentServerEvents } from '@parley/protocol';
import type { Namespace } from 'socket.io';
import type { Bus } from '../ports/bus.js';
import { rooms } from './rooms.js';

type AgentNs = Namespace<Record<string, never>, AgentServerEvents>;

/**
 * A changed ticket reaches the agents who may see it, as a waiting chat of its site and
 * department would (domain/access.ts): that department's agents (or the site's, with none),
 * the site's supervisors and the admins. Those of a department it left hear once more, so
 * their lists drop it. The event names the ticket only; each console reads it through REST.
 */
export function startTicketFanout(bus: Bus, agents: AgentNs): () => void {
  return bus.subscribe((e) => {
    if (e.type !== 'ticket.changed') return;
    let to = agents
      .to(rooms.queue(e.siteId, e.departmentId))
      .to(rooms.siteSupervisors(e.siteId))
      .to(rooms.admins);
    if (e.previousDepartmentId !== e.departmentId)
      to = to.to(rooms.queue(e.siteId, e.previousDepartmentId));
    to.emit('ticket:changed', { ticketId: e.ticketId });
  });
}
