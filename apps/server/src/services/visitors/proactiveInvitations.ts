import type { ProactiveInvitation, ProactiveInviteInput } from '@parley/protocol';
import type { z } from 'zod';
import { AppError } from '../../errors.js';
import { newId } from '../../ids.js';
import { presentProactive } from '../../presenters/visitor.js';
import { findVisitorInvitation } from '../../storage/chatStart.js';
import { agentCard } from '../../storage/colleagues.js';
import {
  endPendingInvitation,
  insertProactiveInvitation,
  pendingInvitationOf,
} from '../../storage/proactive.js';
import type { AgentRow, ProactiveInvitationRow, VisitorRow } from '../../storage/schema.js';
import { openChatOfVisitor } from '../../storage/visitors.js';
import type { Deps } from '../deps.js';
import { findVisitor, isBanned, publishVisitorChanged } from './visitors.js';

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown };
  return (
    e.code === '23505' || (typeof e.message === 'string' && /UNIQUE constraint/.test(e.message))
  );
}

async function present(deps: Deps, row: ProactiveInvitationRow): Promise<ProactiveInvitation> {
  const agent = await agentCard(deps.store, row.agent_id);
  return presentProactive(row, agent);
}

/**
 * An Online agent invites a browsing visitor. One pending invitation per visitor (a partial
 * unique index decides between two agents clicking at once); none while the visitor chats.
 */
export async function inviteVisitor(
  deps: Deps,
  agent: AgentRow,
  input: z.output<typeof ProactiveInviteInput>,
): Promise<ProactiveInvitation> {
  if (agent.status !== 'online')
    throw new AppError('FORBIDDEN', 'Go Online to invite visitors to chat.');
  const visitor = await findVisitor(deps, input.visitorId, agent);
  if (await isBanned(deps, visitor)) throw new AppError('BANNED', 'This visitor is banned.');
  const open = await openChatOfVisitor(deps.store, visitor.id);
  if (open) throw new AppError('FORBIDDEN', 'This visitor is already in a chat.');
  const now = deps.clock.now();
  const row: ProactiveInvitationRow = {
    id: newId(now),
    site_id: visitor.site_id,
    visitor_id: visitor.id,
    agent_id: agent.id,
    message: input.message,
    status: 'pending',
    conversation_id: null,
    created_at: now,
    answered_at: null,
  };
  try {
    await insertProactiveInvitation(deps.store, row);
  } catch (err) {
    if (isUniqueViolation(err))
      throw new AppError('INVITATION_PENDING', 'This visitor already has an invitation waiting.');
    throw err;
  }
  const invitation = await present(deps, row);
  deps.bus.publish({ type: 'proactive.changed', invitation });
  await publishVisitorChanged(deps, visitor.id);
  return invitation;
}

/** The visitor's pending invitation, if any (the widget shows it when it loads). */
export async function pendingInvitation(
  deps: Deps,
  visitor: Pick<VisitorRow, 'id'>,
): Promise<ProactiveInvitation | null> {
  const row = await pendingInvitationOf(deps.store, visitor.id);
  return row ? present(deps, row) : null;
}

/** The visitor said no thanks (or the agent withdrew it: `cancelled`). */
export async function endInvitation(
  deps: Deps,
  visitorId: string,
  invitationId: string,
  status: 'declined' | 'cancelled',
): Promise<void> {
  const now = deps.clock.now();
  const row = await findVisitorInvitation(deps.store, invitationId, visitorId);
  if (!row) throw new AppError('NOT_FOUND', 'Invitation not found.');
  if (!(await endPendingInvitation(deps.store, invitationId, status, now))) return;
  deps.bus.publish({
    type: 'proactive.changed',
    invitation: await present(deps, { ...row, status, answered_at: now }),
  });
  await publishVisitorChanged(deps, visitorId);
}
