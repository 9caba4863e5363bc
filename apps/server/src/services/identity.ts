import type { IdentifyInput, VisitorSelf, VisitorUpdateInput } from '@parley/protocol';
import type { z } from 'zod';
import { mergeIdentity } from '../domain/identity.js';
import { verifyIdentityToken } from '../domain/identityToken.js';
import { AppError } from '../errors.js';
import type { VisitorRow } from '../storage/schema.js';
import type { Deps } from './deps.js';
import { publishConversationChanged } from './snapshots.js';
import { publishVisitorChanged, visitorSelf } from './visitors.js';

/**
 * `Parley.identify()`. A signature is checked before anything is written: an invalid one, or
 * none on a site that requires it, leaves the visitor exactly as they were. An email, signed
 * or not, is an attribute of this visitor only; it never links them to anyone's conversations.
 */
export async function identifyVisitor(
  deps: Deps,
  visitor: VisitorRow,
  input: z.output<typeof IdentifyInput>,
): Promise<VisitorSelf> {
  const site = await deps.db
    .selectFrom('sites')
    .select(['identity_secret', 'require_verified_identity'])
    .where('id', '=', visitor.site_id)
    .executeTakeFirstOrThrow();
  let claims: Record<string, string> | null = null;
  if (input.jwt !== undefined) {
    if (!site.identity_secret)
      throw new AppError('IDENTITY_INVALID', 'This site has no identity secret yet.');
    claims = (await verifyIdentityToken(input.jwt, site.identity_secret, deps.clock.now())).claims;
  } else if (site.require_verified_identity === 1) {
    throw new AppError('IDENTITY_REQUIRED');
  }
  const next = mergeIdentity(
    visitor,
    { name: input.name, email: input.email, attributes: input.attributes },
    claims,
  );
  const attributes = JSON.stringify(next.attributes);
  if (attributes.length > 20_000)
    throw new AppError('VALIDATION_FAILED', 'Too many attributes.', {
      attributes: 'too large',
    });
  await deps.db
    .updateTable('visitors')
    .set({
      name: next.name,
      email: next.email,
      attributes,
      ...(next.verified ? { verified: JSON.stringify(next.verified) } : {}),
    })
    .where('id', '=', visitor.id)
    .execute();
  return afterIdentityChange(deps, visitor.id);
}

/** "Your details" in the widget: what the visitor types is never verified. */
export async function updateVisitorSelf(
  deps: Deps,
  visitor: VisitorRow,
  input: z.output<typeof VisitorUpdateInput>,
): Promise<VisitorSelf> {
  const patch: { name?: string | null; email?: string | null } = {};
  if (input.name !== undefined) patch.name = input.name;
  if (input.email !== undefined) patch.email = input.email;
  if (Object.keys(patch).length > 0)
    await deps.db.updateTable('visitors').set(patch).where('id', '=', visitor.id).execute();
  return afterIdentityChange(deps, visitor.id);
}

async function afterIdentityChange(deps: Deps, visitorId: string): Promise<VisitorSelf> {
  const self = await visitorSelf(deps, visitorId);
  await publishVisitorChanged(deps, visitorId, { self });
  // Open chats show the visitor's name in the console: refresh them.
  const open = await deps.db
    .selectFrom('conversations')
    .select(['id', 'status', 'assignee_id'])
    .where('visitor_id', '=', visitorId)
    .where('status', '!=', 'closed')
    .execute();
  for (const c of open)
    await publishConversationChanged(deps, c.id, { status: c.status, assigneeId: c.assignee_id });
  return self;
}
