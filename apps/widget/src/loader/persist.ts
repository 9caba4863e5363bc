/**
 * What the loader keeps in the host page's storage, scoped by site key. Storage can be missing
 * or throw (privacy modes, sandboxed pages); the widget then just forgets between pages.
 *
 * - token (localStorage): the visitor token, shared by the site's tabs and kept across visits.
 * - active (localStorage): the visitor has an open conversation: load the frame eagerly.
 * - open (sessionStorage): the chat was open on the previous page of this tab: reopen it.
 * - lang (sessionStorage): the language set by `Parley.setLanguage` for this tab.
 */
export type Key = 'token' | 'active' | 'open' | 'lang';

const perTab: readonly Key[] = ['open', 'lang'];

export interface SiteStore {
  get(name: Key): string | null;
  /** null removes. */
  set(name: Key, value: string | null): void;
}

export function siteStore(siteKey: string): SiteStore {
  const area = (name: Key): Storage | null => {
    try {
      return perTab.includes(name) ? sessionStorage : localStorage;
    } catch {
      return null;
    }
  };
  const key = (name: Key) => `parley:${siteKey}:${name}`;
  return {
    get(name) {
      try {
        return area(name)?.getItem(key(name)) ?? null;
      } catch {
        return null;
      }
    },
    set(name, value) {
      try {
        if (value === null) area(name)?.removeItem(key(name));
        else area(name)?.setItem(key(name), value);
      } catch {
        // Quota or privacy errors: these are conveniences only.
      }
    },
  };
}
