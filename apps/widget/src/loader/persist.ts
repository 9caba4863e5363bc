/**
 * Small flags kept in the host page's storage, scoped by site key. Storage can be missing or
 * throw (privacy modes, sandboxed pages); the widget then just forgets between pages.
 */
export interface Flags {
  /** The visitor has an open conversation: load the frame eagerly so replies show up. */
  active: boolean;
  /** The chat was open on the previous page of this tab: reopen it after navigation. */
  open: boolean;
}

function store(kind: 'localStorage' | 'sessionStorage'): Storage | null {
  try {
    return window[kind];
  } catch {
    return null;
  }
}

export function flagStore(siteKey: string) {
  const key = (name: string) => `parley:${siteKey}:${name}`;
  // "active" is per visitor (all tabs), "open" per tab (sessionStorage survives navigation).
  const where = (name: keyof Flags) => store(name === 'active' ? 'localStorage' : 'sessionStorage');
  return {
    get(name: keyof Flags): boolean {
      try {
        return where(name)?.getItem(key(name)) === '1';
      } catch {
        return false;
      }
    },
    set(name: keyof Flags, value: boolean): void {
      try {
        if (value) where(name)?.setItem(key(name), '1');
        else where(name)?.removeItem(key(name));
      } catch {
        // Quota or privacy errors: the flag is a convenience only.
      }
    },
  };
}
