import type { ProactiveInvitation, ProactiveInviteInput } from '@parley/protocol';
import type { z } from 'zod';
import { AppError } from '../../errors.js';
import { newId } from '../../ids.js';
import { presentProactive } from '../../presenters/visitor.js';
import type { AgentRow, ProactiveInvitationRow, VisitorRow } from '../../storage/schema.js';
import type { Deps } from '../deps.js';
import { findVisitor, isBanned, publishVisitorChanged } from './visitors.js';

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown };
  return (
    e.code === '23505' || (typeof e.message === 'string' && /UNIQUE constraint/.test(e.message))
  );
}

async function present(deps: Deps, row: ProactiveInvitationRow): Promise<ProactiveInvitation> {
  const agent = await deps.store
    .selectFrom('agents')
    .select(['id', 'name', 'avatar_url'])
    .where('id', '=', row.agent_id)
    .executeTakeFirstOrThrow();
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
  const open = await deps.store
    .selectFrom('conversations')
    .select('id')
    .where('visitor_id', '=', visitor.id)
    .where('status', '!=', 'closed')
    .executeTakeFirst();
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
    await deps.store.insertInto('proactive_invitations').values(row).execute();
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
  const row = await deps.store
    .selectFrom('proactive_invitations')
    .selectAll()
    .where('visitor_id', '=', visitor.id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
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
  const row = await deps.store
    .selectFrom('proactive_invitations')
    .selectAll()
    .where('id', '=', invitationId)
    .where('visitor_id', '=', visitorId)
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'Invitation not found.');
  const result = await deps.store
    .updateTable('proactive_invitations')
    .set({ status, answered_at: now })
    .where('id', '=', invitationId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return;
  deps.bus.publish({
    type: 'proactive.changed',
    invitation: await present(deps, { ...row, status, answered_at: now }),
  });
  await publishVisitorChanged(deps, visitorId);
}
