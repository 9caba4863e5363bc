import type { SystemEvent } from '@parley/protocol';
import { isWaiting } from '../domain/permissions.js';
import type { PendingMessage, WriteResult } from '../storage/messageWriter.js';
import type { Deps } from './deps.js';

/** Writes through the group-committing writer, then publishes only a first-time write. */
export async function commitMessage(deps: Deps, item: PendingMessage): Promise<WriteResult> {
  const result = await deps.writer.write(item);
  if (!result.duplicate) {
    deps.bus.publish({
      type: 'message.created',
      message: result.message,
      conversationId: result.conversation.id,
      visitorId: result.conversation.visitor_id,
      assigneeId: result.conversation.assignee_id,
      waiting: isWaiting(result.conversation),
    });
  }
  return result;
}

/**
 * A line the system writes into the conversation, such as "Ana joined the chat". The body is
 * English (agents, transcripts); `event` lets the widget say it in the visitor's language.
 */
export function postSystemMessage(
  deps: Deps,
  conversationId: string,
  body: string,
  event: SystemEvent,
): Promise<WriteResult> {
  return commitMessage(deps, {
    conversationId,
    clientId: null,
    author: { type: 'system', id: null, name: null },
    body,
    visibility: 'public',
    payload: { system: event },
  });
}
