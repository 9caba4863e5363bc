import type { ConversationStatus, Visibility } from '@parley/protocol';
import { isSupervisor, type AgentLike } from './actors.js';

type Conv = { status: ConversationStatus; assignee_id: string | null } & {
  /** Invited colleagues currently in the chat. */
  participantIds?: readonly string[];
};
type Who = AgentLike;

export function isWaiting(conv: { status: ConversationStatus }): boolean {
  return conv.status === 'queued' || conv.status === 'offered';
}

function isInChat(agent: Who, conv: Conv): boolean {
  return conv.assignee_id === agent.id || (conv.participantIds?.includes(agent.id) ?? false);
}

/** Agents see waiting chats (to pick them up) and chats they are in; supervisors and admins see all. */
export function agentCanView(agent: Who, conv: Conv): boolean {
  return isSupervisor(agent) || isInChat(agent, conv) || isWaiting(conv);
}

/**
 * Public messages come from agents in the chat, or a supervisor (an unowned waiting chat is
 * accepted by the send first); private notes from anyone who may view the chat.
 */
export function agentCanSend(agent: Who, conv: Conv, visibility: Visibility): boolean {
  if (conv.status === 'closed') return false;
  if (visibility === 'private') return agentCanView(agent, conv);
  return isInChat(agent, conv) || (isSupervisor(agent) && conv.assignee_id !== null);
}

export function agentCanClose(agent: Who, conv: Conv): boolean {
  return conv.assignee_id === agent.id || isSupervisor(agent);
}

export function agentCanAccept(conv: Conv): boolean {
  return isWaiting(conv) && conv.assignee_id === null;
}

/** The owner hands a chat over; supervisors may move any open chat. */
export function agentCanTransfer(agent: Who, conv: Conv): boolean {
  return conv.status !== 'closed' && (conv.assignee_id === agent.id || isSupervisor(agent));
}

/** Agents in the chat may bring a colleague in; supervisors too. */
export function agentCanInvite(agent: Who, conv: Conv): boolean {
  return conv.status === 'active' && (isInChat(agent, conv) || isSupervisor(agent));
}
