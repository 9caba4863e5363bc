import type { AgentServerEvents, VisitorServerEvents } from '@parley/protocol';
import type { Namespace } from 'socket.io';
import { isWaiting } from '../domain/permissions.js';
import { visitorMaySee } from '../domain/visibility.js';
import type { Bus, DomainEvent } from '../ports/bus.js';
import { presentAgent } from '../presenters/agent.js';
import { presentConversation, presentVisitorConversation } from '../presenters/conversation.js';
import { presentMessage, presentVisitorMessage } from '../presenters/message.js';
import { presentDirectMessage, presentInvitation } from '../presenters/routing.js';
import { rooms } from './rooms.js';

type AgentNs = Namespace<Record<string, never>, AgentServerEvents>;
type VisitorNs = Namespace<Record<string, never>, VisitorServerEvents>;

/**
 * Turns committed domain events into socket emits. Which rooms get what is decided here and
 * in domain/visibility: a private message is never emitted to a visitor room.
 */
export function startFanout(
  bus: Bus,
  agents: AgentNs,
  visitors: VisitorNs,
  countVisitors: () => Promise<VisitorCounts>,
): () => void {
  // The Visitors badge in every agent's console, counting the visitors of their sites: at most
  // one count a second, and only a changed one, to each room of agents sharing a set of sites.
  let countTimer: ReturnType<typeof setTimeout> | null = null;
  const lastCount = new Map<string, number>();
  const scheduleCount = () => {
    if (countTimer) return;
    countTimer = setTimeout(() => {
      countTimer = null;
      void countVisitors().then(
        (counts) => {
          for (const { room, online } of counts) {
            if (lastCount.get(room) === online) continue;
            lastCount.set(room, online);
            agents.to(room).emit('visitors:count', { online });
          }
        },
        // Storage away: the badge keeps its number until the next change counts again.
        () => undefined,
      );
    }, 1000);
    countTimer.unref();
  };
  return bus.subscribe((e: DomainEvent) => {
    switch (e.type) {
      case 'message.created':
        return emitMessage(e, agents, visitors);
      case 'conversation.changed':
        return emitConversation(e, agents, visitors);
      case 'conversation.labelled':
        // Titles and tags are for agents: the same rooms as any change, no visitor room.
        return void conversationAudience(agents, e.conversation, null, null).emit(
          'conversation:updated',
          presentConversation(e.conversation),
        );
      case 'tags.changed':
        return void agents.emit('tags:updated', {
          tags: e.tags,
          ...(e.deletedId ? { deletedId: e.deletedId } : {}),
        });
      case 'typing':
        return emitTyping(e, agents, visitors);
      case 'message.seen':
        return emitSeen(e, agents, visitors);
      case 'visitor.changed':
        scheduleCount();
        agents
          .to(rooms.visitorsPage(e.visitor.siteId))
          .to(rooms.visitorsPageAll)
          .to(rooms.visitorWatch(e.visitor.id))
          .emit('visitor:updated', e.visitor);
        if (e.self) visitors.to(rooms.visitor(e.visitor.id)).emit('visitor:updated', e.self);
        return;
      default:
        return emitTeam(e, agents, visitors);
    }
  });
}

type Of<T extends DomainEvent['type']> = Extract<DomainEvent, { type: T }>;
/** One count for one room of agents (rooms.visitorCount, rooms.admins). */
export type VisitorCounts = Array<{ room: string; online: number }>;
type To = ReturnType<AgentNs['to']>;

/** Who monitors every chat of a site: its supervisors and the admins. */
const siteWatchers = (to: To, siteId: string): To =>
  to.to(rooms.siteSupervisors(siteId)).to(rooms.admins);
/** Who may pick up a waiting chat: the agents of its site and department. */
const queueOf = (to: To, siteId: string, departmentId: string | null): To =>
  to.to(rooms.queue(siteId, departmentId));

function emitMessage(e: Of<'message.created'>, agents: AgentNs, visitors: VisitorNs): void {
  const message = presentMessage(e.message);
  // Supervisors monitor every chat of their sites, so their lists stay live without watching each one.
  let to = siteWatchers(agents.to(rooms.conversation(e.conversationId)), e.siteId);
  if (e.assigneeId) to = to.to(rooms.agent(e.assigneeId));
  if (e.waiting) to = queueOf(to, e.siteId, e.departmentId);
  to.emit('message:new', message);
  if (visitorMaySee(e.message))
    visitors.to(rooms.visitor(e.visitorId)).emit('message:new', presentVisitorMessage(e.message));
}

function emitConversation(
  e: Of<'conversation.changed'>,
  agents: AgentNs,
  visitors: VisitorNs,
): void {
  const c = e.conversation;
  conversationAudience(agents, c, e.previousStatus, e.previousAssigneeId).emit(
    'conversation:updated',
    presentConversation(c),
  );
  visitors
    .to(rooms.visitor(c.visitor_id))
    .emit('conversation:updated', presentVisitorConversation(c));
}

/** The agents who see a chat: its watchers, owner (and the one before), the queue while it waits. */
function conversationAudience(
  agents: AgentNs,
  c: Of<'conversation.changed'>['conversation'],
  previousStatus: Of<'conversation.changed'>['previousStatus'],
  previousAssigneeId: string | null,
): To {
  let to = siteWatchers(agents.to(rooms.conversation(c.id)), c.site_id);
  if (c.assignee_id) to = to.to(rooms.agent(c.assignee_id));
  if (previousAssigneeId) to = to.to(rooms.agent(previousAssigneeId));
  if (isWaiting(c) || (previousStatus !== null && isWaiting({ status: previousStatus }))) {
    to = queueOf(to, c.site_id, c.department_id);
  }
  return to;
}

function emitTyping(e: Of<'typing'>, agents: AgentNs, visitors: VisitorNs): void {
  const event = { conversationId: e.conversationId, author: e.author, typing: e.typing };
  if (e.author.type === 'agent') {
    visitors.to(rooms.visitor(e.visitorId)).emit('typing', event);
    agents.to(rooms.conversation(e.conversationId)).emit('typing', event);
    return;
  }
  let to = agents.to(rooms.conversation(e.conversationId));
  to = e.assigneeId
    ? to.to(rooms.agent(e.assigneeId))
    : siteWatchers(queueOf(to, e.siteId, e.departmentId), e.siteId);
  to.emit('typing', e.preview ? { ...event, preview: e.preview } : event);
}

function emitSeen(e: Of<'message.seen'>, agents: AgentNs, visitors: VisitorNs): void {
  const seen = { conversationId: e.conversationId, reader: e.reader, seq: e.seq };
  if (e.reader.type === 'visitor') {
    let to = agents.to(rooms.conversation(e.conversationId));
    if (e.assigneeId) to = to.to(rooms.agent(e.assigneeId));
    to.emit('seen', seen);
    return;
  }
  if (e.publicMoved)
    visitors.to(rooms.visitor(e.visitorId)).emit('seen', { ...seen, seq: e.publicSeq });
  agents.to(rooms.conversation(e.conversationId)).emit('seen', seen);
}

/** Agents, sessions, availability, invitations, direct messages and proactive invitations. */
function emitTeam(e: DomainEvent, agents: AgentNs, visitors: VisitorNs): void {
  switch (e.type) {
    case 'agent.changed':
      agents
        .to(rooms.agent(e.agent.id))
        .to(rooms.supervisors)
        .emit('agent:updated', presentAgent(e.agent));
      return;
    case 'session.ended':
      agents.in(rooms.session(e.sessionId)).disconnectSockets(true);
      return;
    case 'visitor.erased':
      visitors.in(rooms.visitor(e.visitorId)).disconnectSockets(true);
      return;
    case 'site.availability':
      visitors.to(rooms.site(e.siteId)).emit('availability', { agentsAvailable: e.available });
      return;
    case 'invitation.changed':
      agents
        .to(rooms.agent(e.invitation.invitee_id))
        .to(rooms.agent(e.invitation.inviter_id))
        .emit('invitation:updated', presentInvitation(e.invitation));
      return;
    case 'direct.created':
      agents
        .to(rooms.agent(e.message.sender_id))
        .to(rooms.agent(e.message.recipient_id))
        .emit('direct:new', presentDirectMessage(e.message));
      return;
    case 'proactive.changed':
      visitors.to(rooms.visitor(e.invitation.visitorId)).emit('invitation', e.invitation);
      agents.to(rooms.agent(e.invitation.agent.id)).emit('proactive:updated', e.invitation);
      return;
    default:
      // agent.presence, settings.changed: nothing to emit.
      return;
  }
}
