import type { Message, SendResult } from '@parley/protocol';
import { markRead } from '../conversations/conversations';
import { receiveMessages } from './messages';
import { without, type ConsoleState, type PendingMessage, type SendFailure } from '../core/state';

export function addPending(state: ConsoleState, p: PendingMessage): ConsoleState {
  return { ...state, pending: { ...state.pending, [p.clientId]: p } };
}

/** The server stored a send: the pending entry becomes a real message. */
export function confirmPending(
  state: ConsoleState,
  clientId: string,
  result: SendResult,
): ConsoleState {
  const p = state.pending[clientId];
  if (!p) return state;
  const message: Message = {
    id: result.id,
    conversationId: p.conversationId,
    seq: result.seq,
    clientId,
    author: { type: 'agent', id: state.me.id, name: state.me.name },
    body: p.body,
    visibility: p.visibility,
    createdAt: result.createdAt,
    ...(p.choices ? { kind: 'options' as const, choices: [...p.choices] } : {}),
    ...(p.attachments?.length ? { attachments: [...p.attachments] } : {}),
  };
  const next = receiveMessages(state, p.conversationId, [message]);
  return markRead(next, p.conversationId);
}

export function failPending(
  state: ConsoleState,
  clientId: string,
  error: SendFailure,
): ConsoleState {
  const p = state.pending[clientId];
  if (!p) return state;
  return { ...state, pending: { ...state.pending, [clientId]: { ...p, state: 'failed', error } } };
}

export function retryPending(state: ConsoleState, clientId: string): ConsoleState {
  const p = state.pending[clientId];
  if (!p || p.state === 'sending') return state;
  return {
    ...state,
    pending: { ...state.pending, [clientId]: { ...p, state: 'sending', error: null } },
  };
}

export function discardPending(state: ConsoleState, clientId: string): ConsoleState {
  const pending = without(state.pending, clientId);
  return pending === state.pending ? state : { ...state, pending };
}

/** Marks everything the agent can see in a conversation as read. */
