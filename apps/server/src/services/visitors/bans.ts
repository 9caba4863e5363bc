import type { Ban, BanInput } from '@parley/protocol';
import type { z } from 'zod';
import { AppError } from '../../errors.js';
import { newId } from '../../ids.js';
import { presentBan } from '../../presenters/visitor.js';
import { activeBansIn, findBanIn, insertBan, liftBanRow } from '../../storage/bans.js';
import { agentNames, visitorNames } from '../../storage/names.js';
import { pendingInvitationsOf } from '../../storage/proactive.js';
import type { AgentRow, BanRow } from '../../storage/schema.js';
import { openChatsOfVisitor } from '../../storage/visitors.js';
import { closeAsSystem } from '../conversations/closeConversation.js';
import { scopeOf } from '../access.js';
import type { Deps } from '../deps.js';
import { endInvitation } from './proactiveInvitations.js';
import { findVisitor, publishVisitorChanged } from './visitors.js';

/**
 * Bans a visitor (and optionally their current address) from chatting on their site: their
 * open chat ends, a pending invitation is withdrawn, and starting a chat or leaving a message
 * is refused with a neutral message until the ban expires or is lifted.
 */
export async function banVisitor(
  deps: Deps,
  agent: AgentRow,
  input: z.output<typeof BanInput>,
): Promise<Ban> {
  const visitor = await findVisitor(deps, input.visitorId, agent);
  if (input.includeIp && !visitor.ip)
    throw new AppError('VALIDATION_FAILED', 'This visitor has no known IP address.', {
      includeIp: 'no IP address known',
    });
  const now = deps.clock.now();
  const row: BanRow = {
    id: newId(now),
    site_id: visitor.site_id,
    visitor_id: visitor.id,
    ip: input.includeIp ? visitor.ip : null,
    reason: input.reason,
    created_by: agent.id,
    created_at: now,
    expires_at: input.durationMinutes === null ? null : now + input.durationMinutes * 60_000,
    lifted_at: null,
    lifted_by: null,
  };
  await insertBan(deps.store, row);

  const open = await openChatsOfVisitor(deps.store, visitor.id);
  for (const c of open) await closeAsSystem(deps, c.id, 'The chat has ended');
  const pending = await pendingInvitationsOf(deps.store, [visitor.id]);
  for (const p of pending) await endInvitation(deps, visitor.id, p.id, 'cancelled');
  await publishVisitorChanged(deps, visitor.id);
  return presentBan(
    row,
    { id: visitor.id, code: visitor.code, name: visitor.name },
    { id: agent.id, name: agent.name },
  );
}

/** Bans in force on the sites the reader works on, newest first. */
export async function listBans(deps: Deps, reader: AgentRow): Promise<Ban[]> {
  const rows = await activeBansIn(deps.store, deps.clock.now(), await scopeOf(deps, reader), 500);
  if (rows.length === 0) return [];
  const visitorIds = rows.map((r) => r.visitor_id).filter((id): id is string => id !== null);
  const [visitors, agents] = await Promise.all([
    visitorIds.length ? visitorNames(deps.store, visitorIds) : [],
    agentNames(deps.store, [...new Set(rows.map((r) => r.created_by))]),
  ]);
  return rows.map((r) =>
    presentBan(
      r,
      visitors.find((v) => v.id === r.visitor_id) ?? null,
      agents.find((a) => a.id === r.created_by) ?? { id: r.created_by, name: 'Unknown' },
    ),
  );
}

export async function liftBan(deps: Deps, agent: AgentRow, banId: string): Promise<void> {
  const ban = await findBanIn(deps.store, banId, await scopeOf(deps, agent));
  if (!ban) throw new AppError('NOT_FOUND', 'Ban not found.');
  if (ban.lifted_at !== null) return;
  await liftBanRow(deps.store, banId, agent.id, deps.clock.now());
  if (ban.visitor_id) await publishVisitorChanged(deps, ban.visitor_id);
}
