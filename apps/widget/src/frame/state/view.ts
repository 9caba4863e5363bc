import type { QueueInfo, VisitorConversation } from '@parley/protocol';

/**
 * Which panel the chat shows, decided from the site's config, the visitor's conversation and
 * the message form. Pure, so every combination is tested without a browser.
 *
 * - chat: the composer. No conversation yet with someone to answer, or a chat being served,
 *   or a proactive invitation waiting for the visitor's reply.
 * - survey: the site's pre-chat questions, before a chat is started (they start it).
 * - waiting: an open chat in line for an agent; its place and estimated wait are shown.
 * - unserved: an open chat in line that nobody can take now (it waited past the limit, or
 *   nobody is available): the chat stays readable and the message form is offered.
 * - offline: nobody is available and there is no open chat: the message form instead.
 * - ended: the chat is closed and stays readable until the visitor starts a new one.
 *
 * `thanks`: a message sent through the form is acknowledged on the panel. `canChat`: someone
 * became available while the visitor was filling in the form; it stays (with an offer to chat
 * instead) so that what they typed is not swept away.
 */
export type View =
  | { mode: 'chat'; thanks: boolean; askDepartment: boolean }
  | { mode: 'survey' }
  | { mode: 'waiting'; queue: QueueInfo | null }
  | { mode: 'unserved'; reason: 'waited' | 'nobody'; queue: QueueInfo | null }
  | { mode: 'offline'; thanks: boolean; canChat: boolean }
  | { mode: 'ended'; thanks: boolean };

export interface ViewInput {
  /** Unknown (config not read yet) counts as available: the chat is the default. */
  agentsAvailable: boolean | undefined;
  conversation: VisitorConversation | null;
  /** When the visitor last sent the message form (ISO time), while its thank-you is shown. */
  ticketAt: string | null;
  /** The first send waits for the visitor to pick a department. */
  askDepartment: boolean;
  /** The visitor has typed into the offline message form. */
  formInUse: boolean;
  /** An agent's invitation waits for a reply: the chat is ready for it, whoever is online. */
  invitation?: boolean;
  /** The site asks pre-chat questions (with something to ask). */
  survey?: boolean;
}

const isWaiting = (c: VisitorConversation) => c.status === 'queued' || c.status === 'offered';

export function decideView({
  agentsAvailable,
  conversation: c,
  ticketAt,
  askDepartment,
  formInUse,
  invitation = false,
  survey = false,
}: ViewInput): View {
  const available = agentsAvailable !== false;
  const thanks = ticketAt !== null;
  if (c?.status === 'closed') return { mode: 'ended', thanks };
  if (c && isWaiting(c)) {
    // The form closes a chat that was waiting when it was sent; until the server's update
    // arrives, show it as ended rather than offer the form a second time.
    if (ticketAt !== null && c.createdAt <= ticketAt) return { mode: 'ended', thanks: true };
    const queue = c.queue;
    if (queue?.unserved) return { mode: 'unserved', reason: 'waited', queue };
    if (!available) return { mode: 'unserved', reason: 'nobody', queue };
    return { mode: 'waiting', queue };
  }
  // Served by an agent: nothing about availability may take it away.
  if (c) return { mode: 'chat', thanks: false, askDepartment: false };
  // The inviting agent answers the reply themselves, so their availability is not in question.
  if (invitation) return { mode: 'chat', thanks: false, askDepartment: false };
  if (!available) return { mode: 'offline', thanks, canChat: false };
  if (formInUse && !thanks) return { mode: 'offline', thanks, canChat: true };
  if (survey && !thanks) return { mode: 'survey' };
  return { mode: 'chat', thanks, askDepartment };
}

/** Departments to ask about before the first send: only when there is a real choice. */
export function needsDepartment(
  departments: ReadonlyArray<{ id: string }> | undefined,
  chosen: string | null,
): boolean {
  if (!departments || departments.length < 2) return false;
  return !chosen || !departments.some((d) => d.id === chosen);
}
