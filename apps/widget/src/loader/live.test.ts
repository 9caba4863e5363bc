import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { liveUrl, LiveStream, pageViewId, watchUrl, type PageInfo, type UrlWindow } from './live';

const page: PageInfo = {
  url: 'https://shop.example/products/linen-throw?color=sand#reviews',
  title: 'Linen throw — Maple & Moss',
  ref: 'https://search.example/?q=linen throw',
  lang: 'fr-CA',
  tz: 'America/Toronto',
};

describe('the live stream URL', () => {
  it('carries the token, the page view and what the console shows of the page', () => {
    const url = new URL(liveUrl('https://chat.example', 'tok&1', 'pv_1234567890abcdef', page));
    expect(url.origin + url.pathname).toBe('https://chat.example/api/v1/widget/live');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      t: 'tok&1',
      pv: 'pv_1234567890abcdef',
      url: page.url,
      title: page.title,
      ref: page.ref,
      lang: 'fr-CA',
      tz: 'America/Toronto',
    });
  });

  it('cuts values to the server’s limits instead of being refused', () => {
    const long = {
      ...page,
      url: 'https://shop.example/?' + 'x'.repeat(5000),
      title: 't'.repeat(900),
    };
    const q = new URL(liveUrl('https://chat.example', 't', 'p'.repeat(21), long)).searchParams;
    expect(q.get('url')).toHaveLength(2000);
    expect(q.get('title')).toHaveLength(500);
  });

  it('makes a fresh page view id of 21 url-safe characters each time', () => {
    const a = pageViewId();
    expect(a).toMatch(/^[A-Za-z0-9_-]{21}$/);
    expect(pageViewId()).not.toBe(a);
  });
});

/** A browser window as much as watchUrl needs: history moves `location.href`. */
function fakeWindow(href: string) {
  const listeners: Record<string, Array<() => void>> = {};
  const win = {
    location: { href },
    history: {
      pushState: (_s: unknown, _t: string, url?: string | URL | null) => {
        if (url) win.location.href = new URL(String(url), win.location.href).href;
      },
      replaceState: (_s: unknown, _t: string, url?: string | URL | null) => {
        if (url) win.location.href = new URL(String(url), win.location.href).href;
      },
    },
    addEventListener: (type: string, fn: () => void) => void (listeners[type] ??= []).push(fn),
    fire: (type: string) => listeners[type]?.forEach((fn) => fn()),
  };
  return win satisfies UrlWindow;
}

describe('single-page navigation', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('reports a pushState to a new URL once the page has settled', () => {
    const win = fakeWindow('https://shop.example/');
    const changed = vi.fn();
    watchUrl(win, changed, 300);
    win.history.pushState(null, '', '/products/1');
    expect(changed).not.toHaveBeenCalled();
    vi.advanceTimersByTime(300);
    expect(changed).toHaveBeenCalledTimes(1);
  });

  it('counts a redirect chain as one page view, and a return to the same URL as none', () => {
    const win = fakeWindow('https://shop.example/');
    const changed = vi.fn();
    watchUrl(win, changed, 300);
    win.history.pushState(null, '', '/login');
    win.history.replaceState(null, '', '/account');
    vi.advanceTimersByTime(300);
    expect(changed).toHaveBeenCalledTimes(1);
    win.history.pushState(null, '', '/cart');
    win.history.replaceState(null, '', '/account');
    vi.advanceTimersByTime(300);
    expect(changed).toHaveBeenCalledTimes(1);
  });

  it('ignores replaceState that keeps the URL (state updates, scroll positions)', () => {
    const win = fakeWindow('https://shop.example/list');
    const changed = vi.fn();
    watchUrl(win, changed, 300);
    win.history.replaceState({ scroll: 420 }, '');
    vi.advanceTimersByTime(1000);
    expect(changed).not.toHaveBeenCalled();
  });

  it('follows the back button and hash links', () => {
    const win = fakeWindow('https://shop.example/a');
    const changed = vi.fn();
    watchUrl(win, changed, 300);
    win.location.href = 'https://shop.example/b';
    win.fire('popstate');
    vi.advanceTimersByTime(300);
    win.location.href = 'https://shop.example/b#faq';
    win.fire('hashchange');
    vi.advanceTimersByTime(300);
    expect(changed).toHaveBeenCalledTimes(2);
  });

  it('still returns what the site’s own history call returns', () => {
    const win = fakeWindow('https://shop.example/');
    const original = vi.fn(() => 'ok');
    win.history.pushState = original as never;
    watchUrl(win, () => undefined);
    expect((win.history.pushState as unknown as () => string)()).toBe('ok');
    expect(original).toHaveBeenCalled();
  });
});

/** EventSource as the browser has it, driven by the test. */
class FakeSource {
  static all: FakeSource[] = [];
  readyState = 0;
  closed = false;
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  private listeners: Record<string, Array<(e: { data: string }) => void>> = {};
  constructor(readonly url: string) {
    FakeSource.all.push(this);
  }
  addEventListener(type: string, fn: (e: { data: string }) => void) {
    (this.listeners[type] ??= []).push(fn);
  }
  close() {
    this.closed = true;
    this.readyState = 2;
  }
  emit(type: string, data: unknown) {
    this.listeners[type]?.forEach((fn) => fn({ data: JSON.stringify(data) }));
  }
  get params() {
    return new URL(this.url).searchParams;
  }
}

function stream(tokens: string[] = ['tok-1']) {
  FakeSource.all = [];
  let current = tokens.shift()!;
  const deps = {
    origin: 'https://chat.example',
    token: vi.fn(async () => current),
    renew: vi.fn(async () => (current = tokens.shift() ?? current)),
    page: () => page,
    onInvitation: vi.fn(),
    EventSource: FakeSource as unknown as typeof EventSource,
  };
  return { live: new LiveStream(deps), deps, sources: FakeSource.all };
}

/** Lets the awaited token resolve. */
const tick = () => Promise.resolve().then(() => undefined);

describe('LiveStream', () => {
  it('opens one stream per page view and a new one, with a new pv, on navigation', async () => {
    const { live, sources } = stream();
    await live.start();
    expect(sources).toHaveLength(1);
    expect(sources[0]!.params.get('t')).toBe('tok-1');
    const firstPv = sources[0]!.params.get('pv');
    live.newPageView();
    await tick();
    expect(sources[0]!.closed).toBe(true);
    expect(sources).toHaveLength(2);
    expect(sources[1]!.params.get('pv')).not.toBe(firstPv);
  });

  it('opens the chat when an invitation arrives', async () => {
    const { live, sources, deps } = stream();
    await live.start();
    sources[0]!.emit('invitation', { id: 'inv1' });
    expect(deps.onInvitation).toHaveBeenCalledTimes(1);
  });

  it('stays closed when the server refuses the visitor for good', async () => {
    for (const code of ['BANNED', 'CHAT_DISABLED']) {
      const { live, sources, deps } = stream();
      await live.start();
      sources[0]!.emit('refused', { code });
      await tick();
      expect(sources[0]!.closed).toBe(true);
      expect(sources).toHaveLength(1);
      expect(deps.renew).not.toHaveBeenCalled();
    }
  });

  it('makes a new session when its token is unknown and reconnects with it', async () => {
    const { live, sources, deps } = stream(['tok-old', 'tok-new']);
    await live.start();
    sources[0]!.emit('refused', { code: 'UNAUTHENTICATED' });
    await vi.waitFor(() => expect(sources).toHaveLength(2));
    expect(deps.renew).toHaveBeenCalledWith('tok-old');
    expect(sources[0]!.closed).toBe(true);
    expect(sources[1]!.params.get('t')).toBe('tok-new');
    expect(sources[1]!.params.get('pv')).toBe(sources[0]!.params.get('pv'));
  });

  it('gives up renewing after two refusals in a row', async () => {
    const { live, sources } = stream(['a', 'b', 'c', 'd']);
    await live.start();
    for (let i = 0; i < 2; i++) {
      sources.at(-1)!.emit('refused', { code: 'UNAUTHENTICATED' });
      await vi.waitFor(() => expect(sources).toHaveLength(i + 2));
    }
    sources.at(-1)!.emit('refused', { code: 'UNAUTHENTICATED' });
    await tick();
    await tick();
    expect(sources).toHaveLength(3);
  });

  it('tries again later when the browser gives up on the stream', async () => {
    vi.useFakeTimers();
    try {
      const { live, sources } = stream();
      await live.start();
      sources[0]!.readyState = 2;
      sources[0]!.onerror!();
      expect(sources).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(5000);
      expect(sources).toHaveLength(2);
      expect(sources[1]!.params.get('pv')).toBe(sources[0]!.params.get('pv'));
    } finally {
      vi.useRealTimers();
    }
  });

  it('reports no page views before it is started (chat off) or after a refusal for good', async () => {
    const { live, sources } = stream();
    live.newPageView();
    await tick();
    expect(sources).toHaveLength(0);
    await live.start();
    sources[0]!.emit('refused', { code: 'BANNED' });
    live.newPageView();
    await tick();
    expect(sources).toHaveLength(1);
  });

  it('opens nothing when there is no session to report to', async () => {
    const { live, sources, deps } = stream();
    deps.token.mockRejectedValueOnce(Object.assign(new Error('off'), { code: 'CHAT_DISABLED' }));
    await live.start();
    expect(sources).toHaveLength(0);
  });
});
