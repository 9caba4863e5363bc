import type { RoutingLogEntry } from '@parley/protocol';

/** One routing event in words: "Offered to Ana", "Ana rejected", "Sue transferred it to Ben". */
export function describeLogEntry(e: RoutingLogEntry): string {
  const agent = e.agent?.name ?? 'an agent';
  const actor = e.actor && e.actor.id !== e.agent?.id ? e.actor.name : null;
  switch (e.kind) {
    case 'offered':
      return e.agent ? `Offered to ${agent}` : 'Entered the queue';
    case 'accepted':
      return `${agent} accepted`;
    case 'rejected':
      return `${agent} rejected`;
    case 'timed_out':
      return `${agent} did not answer in time`;
    case 'withdrawn':
      return `Offer to ${agent} withdrawn`;
    case 'assigned':
      return actor ? `${actor} assigned it to ${agent}` : `Assigned to ${agent}`;
    case 'transferred':
      return actor ? `${actor} transferred it to ${agent}` : `${agent} took over`;
    case 'invited':
      return actor ? `${actor} invited ${agent}` : `${agent} was invited`;
    case 'joined':
      return `${agent} joined`;
    case 'left':
      return `${agent} left`;
    case 'unserved':
      return 'Nobody answered in time: offered the message form';
    case 'renamed':
      return e.detail ? `${agent} renamed the chat “${e.detail}”` : `${agent} cleared the title`;
    case 'tagged':
      return `${agent} added tag ${e.detail ?? ''}`.trim();
    case 'untagged':
      return `${agent} removed tag ${e.detail ?? ''}`.trim();
    case 'ticketed':
      return e.agent ? `${agent} created a ticket from it` : 'Sent to the shop as a ticket';
  }
}

export type LogTone = 'offer' | 'good' | 'bad' | 'move' | 'neutral';

/** The dot colour of a timeline entry: green when someone took it, red when an offer failed. */
export function logTone(kind: RoutingLogEntry['kind']): LogTone {
  switch (kind) {
    case 'offered':
      return 'offer';
    case 'accepted':
    case 'joined':
      return 'good';
    case 'rejected':
    case 'timed_out':
    case 'unserved':
      return 'bad';
    case 'assigned':
    case 'transferred':
    case 'invited':
      return 'move';
    default:
      return 'neutral';
  }
}
