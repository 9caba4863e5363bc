import type { AgentServerEvents, VisitorServerEvents } from '@parley/protocol';
import type { Namespace } from 'socket.io';
import { isWaiting } from '../domain/permissions.js';
import { visitorMaySee } from '../domain/visibility.js';
import type { Bus, DomainEvent } from '../ports/bus.js';
import { presentAgent } from '../presenters/agent.js';
import { presentConversation, presentVisitorConversation } from '../presenters/conversation.js';
import { presentMessage } from '../presenters/message.js';
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
  countVisitors: () => Promise<number>,
): () => void {
  // The Visitors badge in every agent's console: at most one count a second, and only a
  // changed one.
  let countTimer: ReturnType<typeof setTimeout> | null = null;
  let lastCount = -1;
  const scheduleCount = () => {
    if (countTimer) return;
    countTimer = setTimeout(() => {
      countTimer = null;
      void countVisitors().then((online) => {
        if (online === lastCount) return;
        lastCount = online;
        agents.to(rooms.allAgents).emit('visitors:count', { online });
      });
    }, 1000);
    countTimer.unref();
  };
  return bus.subscribe((e: DomainEvent) => {
    switch (e.type) {
      case 'message.created':
        return emitMessage(e, agents, visitors);
      case 'conversation.changed':
        return emitConversation(e, agents, visitors);
      case 'typing':
        return emitTyping(e, agents, visitors);
      case 'message.seen':
        return emitSeen(e, agents, visitors);
      case 'visitor.changed':
        scheduleCount();
        agents
          .to(rooms.visitorsPage)
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

function emitMessage(e: Of<'message.created'>, agents: AgentNs, visitors: VisitorNs): void {
  const message = presentMessage(e.message);
  // Supervisors monitor every chat, so their lists stay live without watching each one.
  let to = agents.to(rooms.conversation(e.conversationId)).to(rooms.supervisors);
  if (e.assigneeId) to = to.to(rooms.agent(e.assigneeId));
  if (e.waiting) to = to.to(rooms.allAgents);
  to.emit('message:new', message);
  if (visitorMaySee(e.message))
    visitors.to(rooms.visitor(e.visitorId)).emit('message:new', message);
}

function emitConversation(
  e: Of<'conversation.changed'>,
  agents: AgentNs,
  visitors: VisitorNs,
): void {
  const c = e.conversation;
  let to = agents.to(rooms.supervisors).to(rooms.conversation(c.id));
  if (c.assignee_id) to = to.to(rooms.agent(c.assignee_id));
  if (e.previousAssigneeId) to = to.to(rooms.agent(e.previousAssigneeId));
  if (isWaiting(c) || (e.previousStatus !== null && isWaiting({ status: e.previousStatus }))) {
    to = to.to(rooms.allAgents);
  }
  to.emit('conversation:updated', presentConversation(c));
  visitors
    .to(rooms.visitor(c.visitor_id))
    .emit('conversation:updated', presentVisitorConversation(c));
}

function emitTyping(e: Of<'typing'>, agents: AgentNs, visitors: VisitorNs): void {
  const event = { conversationId: e.conversationId, author: e.author, typing: e.typing };
  if (e.author.type === 'agent') {
    visitors.to(rooms.visitor(e.visitorId)).emit('typing', event);
    agents.to(rooms.conversation(e.conversationId)).emit('typing', event);
    return;
  }
  let to = agents.to(rooms.conversation(e.conversationId));
  to = e.assigneeId ? to.to(rooms.agent(e.assigneeId)) : to.to(rooms.allAgents);
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
