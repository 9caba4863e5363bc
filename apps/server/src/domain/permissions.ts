import type { Visibility } from '@parley/protocol';
import type { AgentRow, ConversationRow } from '../storage/schema.js';
import { isSupervisor } from './actors.js';

type Conv = Pick<ConversationRow, 'status' | 'assignee_id'>;
type Who = Pick<AgentRow, 'id' | 'role'>;

export function isWaiting(conv: Pick<ConversationRow, 'status'>): boolean {
  return conv.status === 'queued' || conv.status === 'offered';
}

/** Agents see waiting chats (to pick them up) and their own; supervisors and admins see all. */
export function agentCanView(agent: Who, conv: Conv): boolean {
  return isSupervisor(agent) || conv.assignee_id === agent.id || isWaiting(conv);
}

/**
 * Public messages come from the chat's owner (an unowned waiting chat is accepted by the
 * send first); private notes from anyone who may view the chat.
 */
export function agentCanSend(agent: Who, conv: Conv, visibility: Visibility): boolean {
  if (conv.status === 'closed') return false;
  if (visibility === 'private') return agentCanView(agent, conv);
  return conv.assignee_id === agent.id || (isSupervisor(agent) && conv.assignee_id !== null);
}

export function agentCanClose(agent: Who, conv: Conv): boolean {
  return conv.assignee_id === agent.id || isSupervisor(agent);
}

export function agentCanAccept(conv: Conv): boolean {
  return isWaiting(conv) && conv.assignee_id === null;
}
