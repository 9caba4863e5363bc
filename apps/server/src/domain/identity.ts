/**
 * Identity rules without I/O. A visitor's attributes come from three places: what the visitor
 * typed, what the host page passed to identify(), and the claims of a signed identity. Only the
 * last vouches for anything, and only while the current value still equals the signed one: a
 * visitor who edits a verified name keeps the new name, but it loses its lock.
 */

export type StringMap = Record<string, string>;

/** A JSON object of strings from a column; anything else reads as empty. */
export function parseStringMap(json: string | null | undefined): StringMap {
  if (!json) return {};
  try {
    const parsed = JSON.parse(json) as unknown;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
    return Object.fromEntries(
      Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'),
    );
  } catch {
    return {};
  }
}

export interface CurrentIdentity {
  name: string | null;
  email: string | null;
  /** JSON of the custom attributes. */
  attributes: string;
}

/** The attribute keys whose current value a signed identity vouched for. */
export function verifiedKeys(current: CurrentIdentity, verifiedJson: string): string[] {
  const verified = parseStringMap(verifiedJson);
  const attributes = parseStringMap(current.attributes);
  const valueOf = (key: string): string | null | undefined =>
    key === 'name' ? current.name : key === 'email' ? current.email : attributes[key];
  return Object.keys(verified).filter((key) => {
    const value = valueOf(key);
    return value !== null && value !== undefined && value === verified[key];
  });
}

export interface IdentityUpdate {
  name: string | null;
  email: string | null;
  attributes: StringMap;
  /** Replaces the stored verified map when a signed identity came; else unchanged (null). */
  verified: StringMap | null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A lowercased address that looks like an email and fits the column; else false. */
export function isEmail(value: string): boolean {
  return EMAIL.test(value) && value.length <= 254;
}

/**
 * Merges identify() input into the visitor. Signed claims win over plain fields of the same
 * name; plain fields only fill or change what they name. A claimed email that is not an email
 * is ignored rather than trusted.
 */
export function mergeIdentity(
  current: CurrentIdentity,
  plain: {
    name?: string | undefined;
    email?: string | undefined;
    attributes?: StringMap | undefined;
  },
  claims: StringMap | null,
): IdentityUpdate {
  const signed: StringMap = {};
  if (claims) {
    for (const [key, value] of Object.entries(claims)) {
      if (key === 'email') {
        const email = value.trim().toLowerCase();
        if (isEmail(email)) signed.email = email;
      } else if (key === 'name') {
        const name = value.trim().slice(0, 100);
        if (name) signed.name = name;
      } else {
        signed[key] = value;
      }
    }
  }
  const { name: signedName, email: signedEmail, ...signedAttributes } = signed;
  return {
    name: signedName ?? plain.name ?? current.name,
    email: signedEmail ?? plain.email ?? current.email,
    attributes: {
      ...parseStringMap(current.attributes),
      ...(plain.attributes ?? {}),
      ...signedAttributes,
    },
    verified: claims ? signed : null,
  };
}
