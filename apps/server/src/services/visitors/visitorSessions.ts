import { randomInt } from 'node:crypto';
import { AppError } from '../../errors.js';
import { hashToken, newId, newSecretToken } from '../../ids.js';
import { visitorDefaults } from '../../storage/rows.js';
import { siteChatRules } from '../../storage/chatStart.js';
import type { SiteRow, VisitorRow } from '../../storage/schema.js';
import { findLiveSiteByKey } from '../../storage/sites.js';
import {
  findVisitorByTokenHash,
  insertVisitor,
  openChatOfVisitor,
  updateVisitor,
} from '../../storage/visitors.js';
import type { Deps } from '../deps.js';
import { getSettings } from '../settings/settings.js';
import { publishConversationChanged } from '../conversations/conversationSnapshots.js';
import { limitVisitor } from './abuseLimits.js';

export async function findSiteByKey(
  deps: Pick<Deps, 'store'>,
  key: string,
): Promise<SiteRow | undefined> {
  // A removed site's widget stops loading: its key is unknown from then on.
  return findLiveSiteByKey(deps.store, key);
}

/** Whether a site's chat is on: its own switch and the organisation's. */
export async function siteChatEnabled(deps: Deps, siteId: string): Promise<boolean> {
  const site = await siteChatRules(deps.store, siteId);
  return Boolean(site?.chat_enabled) && (await getSettings(deps)).chatEnabled;
}

/**
 * Issues a new visitor identity: the token is returned once and only its hash is kept. New
 * sessions are limited per address (`ip`), so clearing storage cannot mint visitors at will.
 */
export async function startVisitorSession(
  deps: Deps,
  siteKey: string,
  ip: string | null,
): Promise<{ visitor: VisitorRow; token: string }> {
  await limitVisitor(deps, 'sessions', { visitorId: null, ip });
  const site = await findSiteByKey(deps, siteKey);
  if (!site) throw new AppError('NOT_FOUND', 'Unknown site.');
  if (!site.chat_enabled || !(await getSettings(deps)).chatEnabled)
    throw new AppError('CHAT_DISABLED');
  const token = newSecretToken();
  const now = deps.clock.now();
  const visitor: VisitorRow = {
    id: newId(now),
    site_id: site.id,
    token_hash: hashToken(token),
    code: `#${randomInt(1000, 10000)}`,
    name: null,
    email: null,
    contact_id: null,
    created_at: now,
    last_seen_at: now,
    ...visitorDefaults,
  };
  await insertVisitor(deps.store, visitor);
  return { visitor, token };
}

export async function authenticateVisitor(
  deps: Pick<Deps, 'store'>,
  token: string | undefined,
): Promise<VisitorRow | null> {
  if (!token || token.length > 200) return null;
  const visitor = await findVisitorByTokenHash(deps.store, hashToken(token));
  return visitor ?? null;
}

export async function touchVisitor(deps: Deps, visitorId: string): Promise<void> {
  await updateVisitor(deps.store, visitorId, { last_seen_at: deps.clock.now() });
}

/** The visitor opened their first tab or closed their last: their open chat's snapshot changed. */
export async function visitorPresenceChanged(deps: Deps, visitorId: string): Promise<void> {
  const open = await openChatOfVisitor(deps.store, visitorId);
  if (open)
    await publishConversationChanged(deps, open.id, {
      status: open.status,
      assigneeId: open.assignee_id,
    });
}
