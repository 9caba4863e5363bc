import type { Ban, BanInput } from '@parley/protocol';
import type { z } from 'zod';
import { AppError } from '../../errors.js';
import { newId } from '../../ids.js';
import { presentBan } from '../../presenters/visitor.js';
import type { AgentRow, BanRow } from '../../storage/schema.js';
import { closeAsSystem } from '../conversations/closeConversation.js';
import { siteVisible } from '../../storage/access.js';
import { scopeOf } from '../access.js';
import type { Deps } from '../deps.js';
import { endInvitation } from './proactiveInvitations.js';
import { activeBans, findVisitor, publishVisitorChanged } from './visitors.js';

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
  await deps.store.insertInto('bans').values(row).execute();

  const open = await deps.store
    .selectFrom('conversations')
    .select('id')
    .where('visitor_id', '=', visitor.id)
    .where('status', '!=', 'closed')
    .execute();
  for (const c of open) await closeAsSystem(deps, c.id, 'The chat has ended');
  const pending = await deps.store
    .selectFrom('proactive_invitations')
    .select('id')
    .where('visitor_id', '=', visitor.id)
    .where('status', '=', 'pending')
    .execute();
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
  const rows = await activeBans(deps.store, deps.clock.now())
    .selectAll()
    .where(siteVisible(await scopeOf(deps, reader), 'site_id'))
    .orderBy('created_at', 'desc')
    .limit(500)
    .execute();
  if (rows.length === 0) return [];
  const visitorIds = rows.map((r) => r.visitor_id).filter((id): id is string => id !== null);
  const [visitors, agents] = await Promise.all([
    visitorIds.length
      ? deps.store
          .selectFrom('visitors')
          .select(['id', 'code', 'name'])
          .where('id', 'in', visitorIds)
          .execute()
      : [],
    deps.store
      .selectFrom('agents')
      .select(['id', 'name'])
      .where('id', 'in', [...new Set(rows.map((r) => r.created_by))])
      .execute(),
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
  const ban = await deps.store
    .selectFrom('bans')
    .select(['id', 'visitor_id', 'lifted_at'])
    .where('id', '=', banId)
    .where(siteVisible(await scopeOf(deps, agent), 'site_id'))
    .executeTakeFirst();
  if (!ban) throw new AppError('NOT_FOUND', 'Ban not found.');
  if (ban.lifted_at !== null) return;
  await deps.store
    .updateTable('bans')
    .set({ lifted_at: deps.clock.now(), lifted_by: agent.id })
    .where('id', '=', banId)
    .where('lifted_at', 'is', null)
    .execute();
  if (ban.visitor_id) await publishVisitorChanged(deps, ban.visitor_id);
}
