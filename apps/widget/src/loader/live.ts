/**
 * The live stream: on every page of the site the loader keeps an EventSource open to the
 * server, which is how agents see who is browsing and which page they are on, and how a
 * proactive invitation reaches a visitor who has not opened the chat.
 */

/** What the server learns of a page view (the `LiveQuery` of the protocol). */
export interface PageInfo {
  url: string;
  title: string;
  ref: string;
  lang: string;
  tz: string;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

/** A random id for one page view (21 chars of [A-Za-z0-9_-]). */
export function pageViewId(): string {
  let id = '';
  for (const b of crypto.getRandomValues(new Uint8Array(21))) id += ALPHABET[b & 63];
  return id;
}

export function currentPage(): PageInfo {
  let tz = '';
  try {
    tz = Intl.DateTimeFormat().resolvedOptions().timeZone ?? '';
  } catch {
    // Old or locked-down browsers: the server falls back to the IP's zone.
  }
  return {
    url: location.href,
    title: document.title,
    ref: document.referrer,
    lang: navigator.language ?? '',
    tz,
  };
}

/** The stream's URL; long values are cut to the server's limits rather than refused. */
export function liveUrl(origin: string, token: string, pv: string, page: PageInfo): string {
  const q = new URLSearchParams({
    t: token,
    pv,
    url: page.url.slice(0, 2000),
    title: page.title.slice(0, 500),
    ref: page.ref.slice(0, 2000),
    lang: page.lang.slice(0, 35),
    tz: page.tz.slice(0, 64),
  });
  return `${origin}/api/v1/widget/live?${q}`;
}

export interface UrlWindow {
  location: { href: string };
  history: Pick<History, 'pushState' | 'replaceState'>;
  addEventListener(type: 'popstate' | 'hashchange', listener: () => void): void;
}

/**
 * Calls `onChange` when a single-page site changes the URL without a page load. The call
 * waits `settleMs` after the last change, so that a redirect chain counts as one page view and
 * the new page has had time to set its title.
 */
export function watchUrl(win: UrlWindow, onChange: () => void, settleMs = 300): void {
  let reported = win.location.href;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const check = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (win.location.href === reported) return;
      reported = win.location.href;
      onChange();
    }, settleMs);
  };
  const h = win.history;
  for (const name of ['pushState', 'replaceState'] as const) {
    const original = h[name];
    h[name] = function (this: unknown, ...args: Parameters<History['pushState']>) {
      const result = original.apply(this, args);
      check();
      return result;
    };
  }
  win.addEventListener('popstate', check);
  win.addEventListener('hashchange', check);
}

export interface LiveDeps {
  origin: string;
  token(): Promise<string>;
  /** The token was refused (UNAUTHENTICATED): a new session. */
  renew(stale: string): Promise<string>;
  page(): PageInfo;
  /** A proactive invitation arrived. */
  onInvitation(): void;
  EventSource?: typeof EventSource;
}

/** Waits before opening again after the server closed the stream without refusing it. */
const backoff = (failures: number) => Math.min(300_000, 5000 * 2 ** failures);

export class LiveStream {
  private es: EventSource | null = null;
  private pv = pageViewId();
  /** Bumped on every (re)open and stop, so a late token or timer for an old one does nothing. */
  private run = 0;
  private failures = 0;
  private renewals = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** Reporting is on: started for a site with chat on, and not refused for good since. */
  private wanted = false;

  constructor(private readonly deps: LiveDeps) {}

  /** Starts reporting this page view. */
  start(): Promise<void> {
    this.wanted = true;
    return this.open();
  }

  /** The URL changed without a page load: that is a new page view. */
  newPageView(): void {
    this.pv = pageViewId();
    if (this.wanted) void this.open();
  }

  /** Closes the stream; returns the new run number. */
  stop(): number {
    clearTimeout(this.retryTimer);
    this.es?.close();
    this.es = null;
    return ++this.run;
  }

  /** Opens the stream for this page view (again, after an error: the same pv). */
  private async open(): Promise<void> {
    const run = this.stop();
    let token: string;
    try {
      token = await this.deps.token();
    } catch {
      return; // No session (chat off, banned): nothing to report to.
    }
    if (run !== this.run) return;
    const Source = this.deps.EventSource ?? EventSource;
    const es = new Source(liveUrl(this.deps.origin, token, this.pv, this.deps.page()));
    this.es = es;
    es.onopen = () => {
      this.failures = 0;
    };
    es.addEventListener('invitation', () => this.deps.onInvitation());
    es.addEventListener('refused', (e) => {
      // Closed for good: EventSource would otherwise reconnect and be refused again forever.
      const stopped = this.stop();
      this.wanted = false;
      let code = '';
      try {
        code = (JSON.parse((e as MessageEvent<string>).data) as { code?: string }).code ?? '';
      } catch {
        // No usable reason: stay closed.
      }
      // A token the server no longer knows (its data was reset): once a page, start afresh.
      if (code === 'UNAUTHENTICATED' && this.renewals++ < 2)
        void this.deps.renew(token).then(
          () => {
            if (stopped === this.run) void this.start();
          },
          () => undefined,
        );
    });
    es.onerror = () => {
      // EventSource retries network errors by itself; CLOSED means it has given up (an HTTP
      // error, a server too old to know the stream), so it is tried again, less and less often.
      if (es.readyState !== 2 || this.es !== es) return;
      this.es = null;
      this.retryTimer = setTimeout(() => {
        if (run === this.run) void this.open();
      }, backoff(this.failures++));
    };
  }
}
