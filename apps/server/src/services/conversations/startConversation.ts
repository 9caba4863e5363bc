import type { StartConversationInput } from '@parley/protocol';
import type { z } from 'zod';
import { AppError } from '../../errors.js';
import { newId } from '../../ids.js';
import type { ConversationSnapshot } from '../../storage/conversations.js';
import { answerSurvey, parsePrechatFields } from '../../domain/prechat.js';
import { presentProactive } from '../../presenters/visitor.js';
import { conversationDefaults } from '../../storage/rows.js';
import type { ConversationRow, VisitorRow } from '../../storage/schema.js';
import { commitMessage } from '../messages/commitMessage.js';
import type { Deps } from '../deps.js';
import { getSettings } from '../settings/settings.js';
import { publishConversationChanged, snapshotOf } from './conversationSnapshots.js';
import { siteDepartments } from '../sites/widgetConfig.js';
import { isBanned, publishVisitorChanged, visitorSelf } from '../visitors/visitors.js';

/**
 * Opens a conversation for the visitor in the department they chose (or the site's first), or
 * returns the one already open. The partial unique index (one open conversation per visitor and
 * site) decides races, not a prior read. Pre-chat answers are checked against the site's
 * survey; replying to a proactive invitation opens the chat straight with the inviting agent.
 */
export async function startConversation(
  deps: Deps,
  visitorIn: VisitorRow,
  input: StartInput = {},
): Promise<ConversationSnapshot> {
  // A fresh row: the page stream may have moved the visitor (page, address) since they connected.
  const visitor =
    (await deps.store
      .selectFrom('visitors')
      .selectAll()
      .where('id', '=', visitorIn.id)
      .executeTakeFirst()) ?? visitorIn;
  const [site, settings, departments] = await Promise.all([
    deps.store
      .selectFrom('sites')
      .select(['chat_enabled', 'prechat_fields', 'require_verified_identity'])
      .where('id', '=', visitor.site_id)
      .executeTakeFirst(),
    getSettings(deps),
    siteDepartments(deps, visitor.site_id),
  ]);
  if (!site?.chat_enabled || !settings.chatEnabled) throw new AppError('CHAT_DISABLED');
  if (await isBanned(deps, visitor)) throw new AppError('BANNED');

  const existing = await openConversationOf(deps, visitor);
  if (existing) return (await snapshotOf(deps, existing, { withQueue: true }))!;

  if (input.invitationId) return startFromInvitation(deps, visitor, input.invitationId);

  const survey = answerSurvey(
    parsePrechatFields(site.prechat_fields),
    input.prechat ?? {},
    departments,
  );
  const chosen = survey.departmentId ?? input.departmentId;
  if (chosen && !departments.some((d) => d.id === chosen)) {
    throw new AppError('VALIDATION_FAILED', 'This site has no such department.', {
      departmentId: 'unknown department',
    });
  }
  const departmentId = chosen ?? departments[0]?.id ?? null;
  // On a site that accepts signed identities only, the survey never renames the visitor.
  const locked = site.require_verified_identity === 1;
  if (!locked && (survey.name !== undefined || survey.email !== undefined)) {
    await deps.store
      .updateTable('visitors')
      .set({
        ...(survey.name !== undefined ? { name: survey.name } : {}),
        ...(survey.email !== undefined ? { email: survey.email } : {}),
      })
      .where('id', '=', visitor.id)
      .execute();
  }

  const now = deps.clock.now();
  const { inserted, id } = await insertConversation(deps, visitor, {
    id: newId(now),
    status: 'queued',
    assignee_id: null,
    department_id: departmentId,
    accepted_at: null,
    prechat: JSON.stringify(survey.answers),
    invited: 0,
  });
  if (inserted) {
    const renamed = survey.name !== undefined || survey.email !== undefined;
    await publishVisitorChanged(
      deps,
      visitor.id,
      renamed ? { self: await visitorSelf(deps, visitor.id) } : {},
    );
    return publishConversationChanged(deps, id, { status: null, assigneeId: null });
  }
  return (await snapshotOf(deps, id, { withQueue: true }))!;
}

export type StartInput = z.output<typeof StartConversationInput>;

async function openConversationOf(deps: Deps, visitor: VisitorRow): Promise<string | undefined> {
  const open = await deps.store
    .selectFrom('conversations')
    .select('id')
    .where('visitor_id', '=', visitor.id)
    .where('site_id', '=', visitor.site_id)
    .where('status', '!=', 'closed')
    .executeTakeFirst();
  return open?.id;
}

/** Inserts unless the visitor already has an open chat (a race with another tab); returns the open one. */
async function insertConversation(
  deps: Deps,
  visitor: VisitorRow,
  fields: Pick<
    ConversationRow,
    'id' | 'status' | 'assignee_id' | 'department_id' | 'accepted_at' | 'prechat' | 'invited'
  >,
): Promise<{ inserted: boolean; id: string }> {
  const now = deps.clock.now();
  const result = await deps.store
    .insertInto('conversations')
    .values({
      ...conversationDefaults,
      ...fields,
      site_id: visitor.site_id,
      visitor_id: visitor.id,
      channel: 'web',
      subject: null,
      last_seq: 0,
      last_public_seq: 0,
      last_message_body: null,
      last_message_author: null,
      last_message_at: null,
      created_at: now,
      queued_at: now,
      closed_at: null,
      closed_by: null,
      start_url: visitor.current_url,
      start_title: visitor.current_title,
    })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  const open = await openConversationOf(deps, visitor);
  if (!open) throw new AppError('INTERNAL');
  return {
    inserted: Number(result.numInsertedOrUpdatedRows ?? 0n) === 1 && open === fields.id,
    id: open,
  };
}

/**
 * The visitor answered an agent's invitation: the chat is the inviting agent's from the start,
 * and the invitation text is its first message.
 */
async function startFromInvitation(
  deps: Deps,
  visitor: VisitorRow,
  invitationId: string,
): Promise<ConversationSnapshot> {
  const invitation = await deps.store
    .selectFrom('proactive_invitations')
    .selectAll()
    .where('id', '=', invitationId)
    .where('visitor_id', '=', visitor.id)
    .executeTakeFirst();
  if (!invitation || invitation.status !== 'pending')
    throw new AppError('NOT_FOUND', 'This invitation has ended.');
  const agent = await deps.store
    .selectFrom('agents')
    .select(['id', 'name', 'avatar_url'])
    .where('id', '=', invitation.agent_id)
    .executeTakeFirstOrThrow();
  const now = deps.clock.now();
  const { inserted, id } = await insertConversation(deps, visitor, {
    id: newId(now),
    status: 'active',
    assignee_id: agent.id,
    department_id: null,
    accepted_at: now,
    prechat: '[]',
    invited: 1,
  });
  if (!inserted) return (await snapshotOf(deps, id, { withQueue: true }))!;
  await deps.store
    .updateTable('proactive_invitations')
    .set({ status: 'accepted', conversation_id: id, answered_at: now })
    .where('id', '=', invitation.id)
    .where('status', '=', 'pending')
    .execute();
  await deps.store
    .insertInto('routing_events')
    .values({
      id: newId(now),
      conversation_id: id,
      kind: 'accepted',
      agent_id: agent.id,
      actor_id: agent.id,
      at: now,
    })
    .execute();
  await commitMessage(deps, {
    conversationId: id,
    clientId: `invitation-${invitation.id}`,
    author: { type: 'agent', id: agent.id, name: agent.name },
    body: invitation.message,
    visibility: 'public',
  });
  const snapshot = await publishConversationChanged(deps, id, { status: null, assigneeId: null });
  deps.bus.publish({
    type: 'proactive.changed',
    invitation: presentProactive(
      { ...invitation, status: 'accepted', conversation_id: id, answered_at: now },
      agent,
    ),
  });
  await publishVisitorChanged(deps, visitor.id);
  return snapshot;
}
