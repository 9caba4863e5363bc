import type { Visibility } from '@parley/protocol';

type Readable = { visibility: Visibility };

/**
 * The one place that decides who may see a message. Every path to a visitor (socket,
 * REST history, sync, later transcripts and webhooks) asks this module.
 */
export function visitorMaySee(message: Readable): boolean {
  return message.visibility === 'public';
}

export function agentMaySee(_agent: { id: string }, _message: Readable): boolean {
  return true;
}

/** The visibilities a reader may load from storage; used to filter queries, not rows after the fact. */
export function visibleToVisitor(): readonly ['public'] {
  return ['public'];
}
