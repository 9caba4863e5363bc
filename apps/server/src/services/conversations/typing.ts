import type { Actor } from '../actor.js';
import { agentCanView } from '../../domain/permissions.js';
import { findConversationState } from '../../storage/conversationWrites.js';
import { withAccess } from '../access.js';
import type { Deps } from '../deps.js';
import { getSettings } from '../settings/settings.js';

/** Typing is ephemeral: never stored, silently dropped when the caller may not see the chat. */
export async function reportTyping(
  deps: Deps,
  actor: Actor,
  conversationId: string,
  typing: boolean,
  preview?: string,
): Promise<void> {
  const conv = await findConversationState(deps.store, conversationId);
  if (!conv || conv.status === 'closed') return;
  if (actor.kind === 'visitor' && conv.visitor_id !== actor.visitor.id) return;
  if (actor.kind === 'agent' && !agentCanView(await withAccess(deps, actor.agent), conv)) return;
  deps.bus.publish({
    type: 'typing',
    conversationId,
    visitorId: conv.visitor_id,
    siteId: conv.site_id,
    departmentId: conv.department_id,
    assigneeId: conv.assignee_id,
    author:
      actor.kind === 'visitor'
        ? { type: 'visitor', id: actor.visitor.id, name: actor.visitor.name ?? actor.visitor.code }
        : { type: 'agent', id: actor.agent.id, name: actor.agent.name },
    typing,
    // Sneak peek is the visitor's only, while typing, and only when the setting allows it.
    ...(actor.kind === 'visitor' && typing && preview && (await getSettings(deps)).sneakPeek
      ? { preview }
      : {}),
  });
}
