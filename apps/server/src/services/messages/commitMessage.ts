import type { SystemEvent } from '@parley/protocol';
import { isWaiting } from '../../domain/permissions.js';
import type { PendingMessage, WriteResult } from '../../storage/messageWriter.js';
import type { Deps } from '../deps.js';

/** How long, and for how many messages, a node remembers that it announced a message. */
const REMEMBER_MS = 10 * 60_000;
const REMEMBER_MAX = 100_000;

/** Ids of messages this node announced lately, oldest first. */
class Announced {
  private readonly at = new Map<string, number>();

  add(id: string, now: number): void {
    this.at.set(id, now);
    for (const [old, when] of this.at) {
      if (this.at.size <= REMEMBER_MAX && now - when < REMEMBER_MS) break;
      this.at.delete(old);
    }
  }

  has(id: string): boolean {
    return this.at.has(id);
  }
}

/** One memory per node: keyed by its bus (nodes in one test process have a bus each). */
const announcedBy = new WeakMap<object, Announced>();
const announcedOf = (deps: Deps): Announced => {
  let a = announcedBy.get(deps.bus);
  if (!a) announcedBy.set(deps.bus, (a = new Announced()));
  return a;
};

/**
 * Writes through the group-committing writer, then announces the message. A retry (the same
 * clientId: `duplicate`) is announced again unless this node announced the original itself:
 * the node that committed it may have died between COMMIT and its fan-out (kill -9), and then
 * clients that stayed connected elsewhere would never hear of it. Clients dedupe by id, so a
 * second announcement of a message they have is harmless; on one node a retry is never
 * announced twice.
 */
export async function commitMessage(deps: Deps, item: PendingMessage): Promise<WriteResult> {
  const result = await deps.writer.write(item);
  const announced = announcedOf(deps);
  if (result.duplicate && announced.has(result.message.id)) return result;
  announced.add(result.message.id, deps.clock.now());
  deps.bus.publish({
    type: 'message.created',
    message: result.message,
    conversationId: result.conversation.id,
    visitorId: result.conversation.visitor_id,
    siteId: result.conversation.site_id,
    departmentId: result.conversation.department_id,
    assigneeId: result.conversation.assignee_id,
    waiting: isWaiting(result.conversation),
  });
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
