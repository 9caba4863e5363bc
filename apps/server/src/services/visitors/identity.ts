import type { IdentifyInput, VisitorSelf, VisitorUpdateInput } from '@parley/protocol';
import type { z } from 'zod';
import { mergeIdentity, verifiedKeys } from '../../domain/identity.js';
import { verifyIdentityToken } from '../../domain/identityToken.js';
import { AppError } from '../../errors.js';
import { siteChatRules } from '../../storage/chatStart.js';
import type { VisitorRow } from '../../storage/schema.js';
import { siteIdentity } from '../../storage/sites.js';
import { openChatsOfVisitor, updateVisitor } from '../../storage/visitors.js';
import type { Deps } from '../deps.js';
import { linkVerifiedContact } from '../contacts/linkContact.js';
import { publishConversationChanged } from '../conversations/conversationSnapshots.js';
import { publishVisitorChanged, visitorSelf } from './visitors.js';
import { limitVisitor } from './abuseLimits.js';

/**
 * `Parley.identify()`. A signature is checked before anything is written: an invalid one, or
 * none on a site that requires it, leaves the visitor exactly as they were. An email, signed
 * or not, is an attribute of this visitor only; it never links them to anyone's conversations.
 * Limited per visitor and per address (`ip`), like every change of details.
 */
export async function identifyVisitor(
  deps: Deps,
  visitor: VisitorRow,
  input: z.output<typeof IdentifyInput>,
  ip: string | null,
): Promise<VisitorSelf> {
  await limitVisitor(deps, 'identify', { visitorId: visitor.id, ip });
  const site = await siteIdentity(deps.store, visitor.site_id);
  if (!site) throw new AppError('NOT_FOUND', 'Unknown site.');
  let claims: Record<string, string> | null = null;
  if (input.jwt !== undefined) {
    if (!site.identity_secret)
      throw new AppError('IDENTITY_INVALID', 'This site has no identity secret yet.');
    claims = (await verifyIdentityToken(input.jwt, site.identity_secret, deps.clock.now())).claims;
  } else if (site.require_verified_identity === 1) {
    throw new AppError('IDENTITY_REQUIRED');
  }
  // On a site that accepts signed identities only, name and email come from the claims alone.
  const locked = site.require_verified_identity === 1;
  const next = mergeIdentity(
    visitor,
    locked
      ? { attributes: input.attributes }
      : { name: input.name, email: input.email, attributes: input.attributes },
    claims,
  );
  const attributes = JSON.stringify(next.attributes);
  if (attributes.length > 20_000)
    throw new AppError('VALIDATION_FAILED', 'Too many attributes.', {
      attributes: 'too large',
    });
  await updateVisitor(deps.store, visitor.id, {
    name: next.name,
    email: next.email,
    attributes,
    ...(next.verified ? { verified: JSON.stringify(next.verified) } : {}),
  });
  // A signed email names the site's contact that lists it (services/contacts/linkContact.ts).
  if (claims) await linkVerifiedContact(deps, visitor.id);
  return afterIdentityChange(deps, visitor.id);
}

const LOCKED_MESSAGE = 'On this site your name and email come from your account.';

/** The site accepts signed identities only: name and email come from the site's backend. */
export async function identityLocked(deps: Deps, visitor: Pick<VisitorRow, 'site_id'>) {
  const site = await siteChatRules(deps.store, visitor.site_id);
  return site?.require_verified_identity === 1;
}

/**
 * On such a site, the name and email a form may use: the ones a signed identity vouched for.
 * Refuses (IDENTITY_REQUIRED) a visitor who has none.
 */
export function verifiedContact(visitor: VisitorRow): { name: string; email: string } {
  const keys = verifiedKeys(visitor, visitor.verified);
  if (!keys.includes('email') || !visitor.email)
    throw new AppError('IDENTITY_REQUIRED', LOCKED_MESSAGE);
  return {
    name: keys.includes('name') && visitor.name ? visitor.name : visitor.email,
    email: visitor.email,
  };
}

/**
 * "Your details" in the widget: what the visitor types is never verified, and on a site that
 * accepts signed identities only it is refused. Counted with identify() calls.
 */
export async function updateVisitorSelf(
  deps: Deps,
  visitor: VisitorRow,
  input: z.output<typeof VisitorUpdateInput>,
  ip: string | null,
): Promise<VisitorSelf> {
  await limitVisitor(deps, 'identify', { visitorId: visitor.id, ip });
  const patch: { name?: string | null; email?: string | null } = {};
  if (
    (input.name !== undefined || input.email !== undefined) &&
    (await identityLocked(deps, visitor))
  )
    throw new AppError('IDENTITY_REQUIRED', LOCKED_MESSAGE);
  if (input.name !== undefined) patch.name = input.name;
  if (input.email !== undefined) patch.email = input.email;
  if (Object.keys(patch).length > 0) await updateVisitor(deps.store, visitor.id, patch);
  return afterIdentityChange(deps, visitor.id);
}

async function afterIdentityChange(deps: Deps, visitorId: string): Promise<VisitorSelf> {
  const self = await visitorSelf(deps, visitorId);
  await publishVisitorChanged(deps, visitorId, { self });
  // Open chats show the visitor's name in the console: refresh them.
  const open = await openChatsOfVisitor(deps.store, visitorId);
  for (const c of open)
    await publishConversationChanged(deps, c.id, { status: c.status, assigneeId: c.assignee_id });
  return self;
}
