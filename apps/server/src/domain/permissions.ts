import type { ConversationStatus, Visibility } from '@parley/protocol';
import { canSeeConversation, type AccessScope, type ChatPlace } from './access.js';
import { isSupervisor, type AgentLike } from './actors.js';

type Conv = { status: ConversationStatus; assignee_id: string | null } & ChatPlace & {
    /** Invited colleagues currently in the chat. */
    participantIds?: readonly string[];
  };
/** An agent with what their sites and departments let them see (domain/access.ts). */
type Who = AgentLike & { access: AccessScope };

export function isWaiting(conv: { status: ConversationStatus }): boolean {
  return conv.status === 'queued' || conv.status === 'offered';
}

function isInChat(agent: AgentLike, conv: Pick<Conv, 'assignee_id' | 'participantIds'>): boolean {
  return conv.assignee_id === agent.id || (conv.participantIds?.includes(agent.id) ?? false);
}

/**
 * Only chats of the agent's sites and departments (domain/access.ts); of those, agents see
 * waiting chats (to pick them up) and chats they are in, supervisors and admins all of them.
 */
export function agentCanView(agent: Who, conv: Conv): boolean {
  if (!canSeeConversation(agent.access, conv)) return false;
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

export function agentCanClose(
  agent: AgentLike,
  conv: Pick<Conv, 'status' | 'assignee_id'>,
): boolean {
  return conv.assignee_id === agent.id || isSupervisor(agent);
}

/** An unowned waiting chat, of the agent's sites and departments. */
export function agentCanAccept(agent: Who, conv: Conv): boolean {
  return isWaiting(conv) && conv.assignee_id === null && canSeeConversation(agent.access, conv);
}

/** The owner hands a chat over; supervisors may move any open chat. */
export function agentCanTransfer(
  agent: AgentLike,
  conv: Pick<Conv, 'status' | 'assignee_id'>,
): boolean {
  return conv.status !== 'closed' && (conv.assignee_id === agent.id || isSupervisor(agent));
}

/** Agents in the chat may bring a colleague in; supervisors too. */
export function agentCanInvite(agent: AgentLike, conv: Omit<Conv, keyof ChatPlace>): boolean {
  return conv.status === 'active' && (isInChat(agent, conv) || isSupervisor(agent));
}
