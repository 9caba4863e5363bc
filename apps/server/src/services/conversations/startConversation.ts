import type { StartConversationInput } from '@parley/protocol';
import type { z } from 'zod';
import { AppError } from '../../errors.js';
import { newId } from '../../ids.js';
import {
  acceptVisitorInvitation,
  findVisitorInvitation,
  insertConversationIfNone,
  openConversationId,
  renameVisitor,
  siteChatRules,
  type OpeningFields,
} from '../../storage/chatStart.js';
import { agentCard } from '../../storage/colleagues.js';
import type { ConversationSnapshot } from '../../storage/conversations.js';
import { insertRoutingEvent } from '../../storage/routingEvents.js';
import { answerSurvey, parsePrechatFields } from '../../domain/prechat.js';
import { presentProactive } from '../../presenters/visitor.js';
import type { VisitorRow } from '../../storage/schema.js';
import { visitorRow } from '../../storage/ticketWrites.js';
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
  const visitor = (await visitorRow(deps.store, visitorIn.id)) ?? visitorIn;
  const [site, settings, departments] = await Promise.all([
    siteChatRules(deps.store, visitor.site_id),
    getSettings(deps),
    siteDepartments(deps, visitor.site_id),
  ]);
  if (!site?.chat_enabled || !settings.chatEnabled) throw new AppError('CHAT_DISABLED');
  if (await isBanned(deps, visitor)) throw new AppError('BANNED');

  const existing = await openConversationId(deps.store, visitor);
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
    await renameVisitor(deps.store, visitor.id, survey);
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

/** Inserts unless the visitor already has an open chat (a race with another tab); returns the open one. */
async function insertConversation(
  deps: Deps,
  visitor: VisitorRow,
  fields: OpeningFields,
): Promise<{ inserted: boolean; id: string }> {
  const now = deps.clock.now();
  const inserted = await insertConversationIfNone(deps.store, visitor, fields, now);
  const open = await openConversationId(deps.store, visitor);
  if (!open) throw new AppError('INTERNAL');
  return { inserted: inserted && open === fields.id, id: open };
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
  const invitation = await findVisitorInvitation(deps.store, invitationId, visitor.id);
  if (!invitation || invitation.status !== 'pending')
    throw new AppError('NOT_FOUND', 'This invitation has ended.');
  const agent = await agentCard(deps.store, invitation.agent_id);
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
  await acceptVisitorInvitation(deps.store, invitation.id, id, now);
  await insertRoutingEvent(deps.store, {
    id: newId(now),
    conversationId: id,
    kind: 'accepted',
    agentId: agent.id,
    actorId: agent.id,
    at: now,
  });
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
