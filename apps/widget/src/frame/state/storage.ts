/** The frame's own storage (the Parley origin, partitioned per host site by browsers). */
export interface KeyValue {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
}

/** localStorage when the browser allows it; otherwise memory, so the chat still works. */
export function browserStorage(): KeyValue {
  try {
    const ls = window.localStorage;
    const probe = 'parley:probe';
    ls.setItem(probe, '1');
    ls.removeItem(probe);
    return {
      get: (k) => ls.getItem(k),
      set: (k, v) => {
        try {
          ls.setItem(k, v);
        } catch {
          // Quota exceeded: losing a flag is better than breaking the chat.
        }
      },
      remove: (k) => ls.removeItem(k),
    };
  } catch {
    return memoryStorage();
  }
}

export function memoryStorage(): KeyValue {
  const map = new Map<string, string>();
  return {
    get: (k) => map.get(k) ?? null,
    set: (k, v) => void map.set(k, v),
    remove: (k) => void map.delete(k),
  };
}

/** Keys, all scoped by site key so that two sites on one Parley never share a visitor. */
export const keys = {
  /** The visitor token, before loader.js took it over; only removed now. */
  legacyToken: (siteKey: string) => `parley:visitor:${siteKey}`,
  /** Highest seq the visitor has seen with the chat open: `{conversationId}:{seq}`. */
  seen: (siteKey: string) => `parley:seen:${siteKey}`,
  /** A closed conversation the visitor put away with "Start a new chat". */
  dismissed: (siteKey: string) => `parley:dismissed:${siteKey}`,
  /** The last message sent through the form, `{id} {createdAt}`, while its thank-you shows. */
  ticket: (siteKey: string) => `parley:ticket:${siteKey}`,
  /** "1" when the visitor turned notification sounds off. */
  muted: (siteKey: string) => `parley:muted:${siteKey}`,
};
