import { BRIDGE_TAG, parseFrameToHost, type HostToFrame } from '@parley/protocol/bridge';
import type { WidgetLanguage } from '@parley/protocol';
import { isHexColor } from '../shared/color';
import { LANGUAGES, pickLanguage } from '../shared/language';
import { alreadyLoaded, installApi } from './api';
import { createLauncher, type LauncherView } from './launcher';
import { currentPage, LiveStream, watchUrl } from './live';
import { siteStore, type SiteStore } from './persist';
import { Session } from './session';

/**
 * loader.js, the one script a site embeds:
 *   <script async src="https://chat.example.com/widget/loader.js" data-site="SITE_KEY"></script>
 * It draws the launcher, keeps the visitor token and the live stream (page views, proactive
 * invitations), and creates the chat frame only when it is needed, so a visitor who never
 * chats downloads a few KB and opens no socket.
 */

// Only valid while this script's top level runs, so it is read before anything else. Some tag
// managers inject scripts in ways that leave it null; the embed tag is then found by its shape.
const script =
  (document.currentScript as HTMLScriptElement | null) ??
  document.querySelector<HTMLScriptElement>('script[data-site][src*="/widget/loader.js"]');

/** Shown with the default look if the site's config has not answered by then. */
const REVEAL_FALLBACK_MS = 4000;

type Listener = (payload?: unknown) => void;

interface Boot {
  origin: string;
  siteKey: string;
}

function bootInfo(el: HTMLScriptElement | null): Boot | null {
  if (!el?.src || !el.dataset.site) return null;
  try {
    return { origin: new URL(el.src).origin, siteKey: el.dataset.site };
  } catch {
    return null;
  }
}

class Widget {
  private frame: HTMLIFrameElement | null = null;
  private frameReady = false;
  private isOpen = false;
  private readonly view: LauncherView;
  private readonly store: SiteStore;
  readonly session: Session;
  private readonly live: LiveStream;
  private readonly listeners: Record<string, Listener[]> = {};
  private siteLanguage: WidgetLanguage | null = null;

  constructor(private readonly boot: Boot) {
    this.store = siteStore(boot.siteKey);
    this.session = new Session(boot.origin, boot.siteKey, this.store, (token) =>
      this.sendInit(token),
    );
    this.live = new LiveStream({
      origin: boot.origin,
      token: () => this.session.token(),
      renew: (stale) => this.session.renew(stale),
      page: currentPage,
      // Shown, not focused: the visitor may be typing into the page.
      onInvitation: () => this.open(false),
    });
    this.view = createLauncher(() => (this.isOpen ? this.close() : this.open(true)));
    // Not drawn until the site's config says chat is on: a switched-off site shows nothing.
    this.view.setHidden(true);
    this.applyLanguage();
    addEventListener('message', (e) => this.onMessage(e));
    // Single-page sites change the URL without reloading: a new page view for the console,
    // and the frame hears of the page too.
    watchUrl(window, () => {
      this.sendPage();
      this.live.newPageView();
    });

    if (this.store.get('open')) this.open(false);
    else if (this.store.get('active')) this.ensureFrame();
  }

  open(userAction: boolean): void {
    const frame = this.ensureFrame();
    this.setOpen(true);
    // Moving focus into the frame lets a keyboard user type straight away; after a page load
    // or an invitation (not a click) the chat opens quietly instead of stealing focus.
    if (userAction) frame.focus({ preventScroll: true });
  }

  /** `fromFrame`: the visitor minimized from inside the chat, so focus returns to the launcher. */
  close(fromFrame = false): void {
    this.setOpen(false);
    if (fromFrame) this.view.button.focus();
  }

  setLanguage(language: unknown): void {
    if (language !== null && !LANGUAGES.includes(language as WidgetLanguage)) return;
    this.store.set('lang', language as string | null);
    this.post({ tag: BRIDGE_TAG, type: 'language', language: language as string | null });
    this.applyLanguage();
  }

  /** The launcher speaks the chat's language (same rule as the frame). */
  private applyLanguage(): void {
    const browser = navigator.languages ?? [navigator.language];
    this.view.setLanguage(pickLanguage(this.store.get('lang'), this.siteLanguage, browser));
  }

  on(event: unknown, fn: unknown): void {
    if (typeof event === 'string' && typeof fn === 'function')
      (this.listeners[event] ??= []).push(fn as Listener);
  }

  off(event: unknown, fn: unknown): void {
    const list = this.listeners[event as string];
    if (list) this.listeners[event as string] = list.filter((f) => f !== fn);
  }

  private emit(event: string, payload?: unknown): void {
    for (const fn of this.listeners[event] ?? []) {
      try {
        fn(payload);
      } catch (err) {
        // The page's handler failed: report it as the page's error, and carry on.
        setTimeout(() => {
          throw err;
        });
      }
    }
  }

  private setOpen(open: boolean): void {
    const changed = open !== this.isOpen;
    this.isOpen = open;
    this.store.set('open', open ? '1' : null);
    this.view.setOpen(open);
    this.post({ tag: BRIDGE_TAG, type: open ? 'open' : 'close' });
    if (changed) this.emit(open ? 'open' : 'close');
  }

  private ensureFrame(): HTMLIFrameElement {
    if (this.frame) return this.frame;
    const { origin, siteKey } = this.boot;
    const frame = document.createElement('iframe');
    frame.title = 'Chat';
    frame.src = `${origin}/widget/frame.html?site=${encodeURIComponent(siteKey)}&host=${encodeURIComponent(location.origin)}`;
    frame.allow = 'clipboard-write';
    this.frame = frame;
    this.view.mountFrame(frame);
    return frame;
  }

  private post(message: HostToFrame): void {
    // Before "ready" the frame cannot listen yet; it is told the state when it says ready.
    if (!this.frameReady) return;
    this.frame?.contentWindow?.postMessage(message, this.boot.origin);
  }

  private sendInit(token: string): void {
    this.post({ tag: BRIDGE_TAG, type: 'init', token, language: this.store.get('lang') });
  }

  private sendPage(): void {
    this.post({ tag: BRIDGE_TAG, type: 'page', url: location.href, title: document.title });
  }

  private onMessage(e: MessageEvent): void {
    if (!this.frame || e.origin !== this.boot.origin || e.source !== this.frame.contentWindow)
      return;
    const m = parseFrameToHost(e.data);
    if (!m) return;
    switch (m.type) {
      case 'ready':
        this.frameReady = true;
        this.post({ tag: BRIDGE_TAG, type: this.isOpen ? 'open' : 'close' });
        this.sendPage();
        this.session.token().then(
          (token) => this.sendInit(token),
          () => undefined,
        );
        this.emit('ready');
        break;
      case 'close':
        this.close(true);
        break;
      case 'open':
        this.open(false);
        break;
      case 'unread':
        this.view.setUnread(m.count);
        break;
      case 'active':
        this.store.set('active', m.active ? '1' : null);
        break;
      case 'hidden':
        this.view.setHidden(m.hidden);
        if (m.hidden) this.close();
        break;
      case 'message':
        this.emit('message', m.message);
        break;
      case 'navigate':
        try {
          // Only within the site: the agent's card may not send the visitor anywhere else.
          const url = new URL(m.url);
          if (url.origin === location.origin) location.assign(url.href);
        } catch {
          // Not a URL: ignored.
        }
        break;
    }
  }

  /**
   * Colours the launcher before the frame exists and shows it unless chat is switched off; a
   * failure (or no answer in time) shows it with the default look. The live stream opens only
   * for a site with chat on.
   */
  async applySiteLook(): Promise<void> {
    const { origin, siteKey } = this.boot;
    const fallback = setTimeout(() => this.view.setHidden(false), REVEAL_FALLBACK_MS);
    let enabled = true;
    try {
      const res = await fetch(
        `${origin}/api/v1/widget/config?siteKey=${encodeURIComponent(siteKey)}`,
        { credentials: 'omit' },
      );
      if (!res.ok) throw new Error('config');
      const body = (await res.json()) as {
        config?: {
          accentColor?: unknown;
          chatEnabled?: unknown;
          language?: unknown;
          position?: unknown;
        };
      };
      const color = body.config?.accentColor;
      if (isHexColor(color)) this.view.setAccent(color);
      this.view.setSide(body.config?.position === 'left' ? 'left' : 'right');
      enabled = body.config?.chatEnabled !== false;
      const language = body.config?.language as WidgetLanguage;
      if (LANGUAGES.includes(language)) this.siteLanguage = language;
      this.applyLanguage();
    } catch {
      // Offline, blocked by the page's CSP, or an older server: keep the defaults.
    }
    clearTimeout(fallback);
    this.view.setHidden(!enabled);
    if (!enabled) return this.close();
    this.session.token().then(
      () => void this.live.start(),
      () => {
        // No session for this visitor (banned, unknown site): the chat could never connect,
        // so it is not offered, and nothing says why.
        this.view.setHidden(true);
        this.close();
      },
    );
  }
}

function start(boot: Boot): void {
  const widget = new Widget(boot);
  void widget.applySiteLook();
  installApi({
    open: () => widget.open(true),
    close: () => widget.close(),
    identify: (input) => widget.session.identify(input),
    setLanguage: (language) => widget.setLanguage(language),
    on: (event, fn) => widget.on(event, fn),
    off: (event, fn) => widget.off(event, fn),
  });
}

const boot = bootInfo(script);
if (boot && !alreadyLoaded()) {
  if (document.body) start(boot);
  else document.addEventListener('DOMContentLoaded', () => start(boot), { once: true });
}
