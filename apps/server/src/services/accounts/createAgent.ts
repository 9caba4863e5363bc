import argon2 from 'argon2';
import type { AgentRole } from '@parley/protocol';
import { AppError } from '../../errors.js';
import { newId } from '../../ids.js';
import { emailTaken, insertAgent } from '../../storage/agents.js';
import type { AgentRow } from '../../storage/schema.js';
import { assignSites, resolveSiteIds } from '../access.js';
import type { Deps } from '../deps.js';

export interface NewAgent {
  email: string;
  name: string;
  password: string;
  role: AgentRole;
  /** The sites the agent works on; every current site when left out. */
  siteIds?: string[] | undefined;
}

export async function createAgent(
  deps: Pick<Deps, 'store' | 'clock'>,
  a: NewAgent,
): Promise<AgentRow> {
  const siteIds = await resolveSiteIds(deps, a.siteIds);
  const row: AgentRow = {
    id: newId(deps.clock.now()),
    email: a.email.trim().toLowerCase(),
    name: a.name.trim(),
    role: a.role,
    status: 'offline',
    avatar_url: null,
    max_chats: null,
    created_at: deps.clock.now(),
    disabled_at: null,
    last_offered_at: null,
    disconnected_at: null,
    two_factor_at: null,
  };
  if (await emailTaken(deps.store, row.email)) throw new AppError('EMAIL_TAKEN');
  try {
    await insertAgent(deps.store, { ...row, password_hash: await argon2.hash(a.password) });
  } catch (err) {
    // Two creations racing on one email: the unique index decides, the loser hears why.
    if (await emailTaken(deps.store, row.email)) throw new AppError('EMAIL_TAKEN');
    throw err;
  }
  await assignSites(deps, row.id, siteIds);
  return row;
}
