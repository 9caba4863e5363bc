import type { AgentRow, MessageRow } from '../storage/schema.js';

/**
 * The one place that decides who may see a message. Every path to a visitor (socket,
 * REST history, sync, later transcripts and webhooks) asks this module.
 */
export function visitorMaySee(message: Pick<MessageRow, 'visibility'>): boolean {
  return message.visibility === 'public';
}

export function agentMaySee(
  _agent: Pick<AgentRow, 'id'>,
  _message: Pick<MessageRow, 'visibility'>,
): boolean {
  return true;
}

/** The visibilities a reader may load from storage; used to filter queries, not rows after the fact. */
export function visibleToVisitor(): readonly ['public'] {
  return ['public'];
}
