import { verifiedKeys, type CurrentIdentity } from './identity.js';

/**
 * Who counts as the same returning customer. The same visitor (one device, one token) always;
 * other visitors of the site only when a signed identity vouches, right now, for the same
 * email on both. An email the visitor typed, or one a page passed without a signature, never
 * links anyone: anybody can type anybody's address.
 */

type Identity = CurrentIdentity & { email: string | null; verified: string };

/** The email a signed identity vouches for while it is still the visitor's; else null. */
export function vouchedEmail(visitor: Identity): string | null {
  if (!visitor.email) return null;
  return verifiedKeys(visitor, visitor.verified).includes('email') ? visitor.email : null;
}

/** Of `others`, the ids of those a signed identity shows to be the same person as `visitor`. */
export function samePerson<V extends Identity & { id: string }>(
  visitor: Identity & { id: string },
  others: readonly V[],
): string[] {
  const email = vouchedEmail(visitor);
  const ids = [visitor.id];
  if (email === null) return ids;
  for (const o of others) if (o.id !== visitor.id && vouchedEmail(o) === email) ids.push(o.id);
  return ids;
}
