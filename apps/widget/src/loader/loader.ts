import { BRIDGE_TAG, parseFrameToHost, type HostToFrame } from '@parley/protocol/bridge';
import { isHexColor } from '../shared/color';
import { alreadyLoaded, installApi } from './api';
import { createLauncher, type LauncherView } from './launcher';
import { flagStore } from './persist';

/**
 * loader.js, the one script a site embeds:
 *   <script async src="https://chat.example.com/widget/loader.js" data-site="SITE_KEY"></script>
 * It draws the launcher and creates the chat frame only when it is needed, so a visitor who
 * never chats downloads a few KB and opens no socket.
 */

// Only valid while this script's top level runs, so it is read before anything else. Some tag
// managers inject scripts in ways that leave it null; the embed tag is then found by its shape.
const script =
  (document.currentScript as HTMLScriptElement | null) ??
  document.querySelector<HTMLScriptElement>('script[data-site][src*="/widget/loader.js"]');

/** Shown with the default look if the site's config has not answered by then. */
const REVEAL_FALLBACK_MS = 4000;

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
  private readonly flags: ReturnType<typeof flagStore>;

  constructor(private readonly boot: Boot) {
    this.flags = flagStore(boot.siteKey);
    this.view = createLauncher(() => (this.isOpen ? this.close() : this.open(true)));
    // Not drawn until the site's config says chat is on: a switched-off site shows nothing.
    this.view.setHidden(true);
    addEventListener('message', (e) => this.onMessage(e));
    // Single-page sites change the URL without reloading; the frame may show the page later.
    addEventListener('popstate', () => this.sendPage());
    addEventListener('hashchange', () => this.sendPage());

    if (this.flags.get('open')) this.open(false);
    else if (this.flags.get('active')) this.ensureFrame();
  }

  open(userAction: boolean): void {
    const frame = this.ensureFrame();
    this.setOpen(true);
    // Moving focus into the frame lets a keyboard user type straight away; after a page load
    // (not a click) the chat reopens quietly instead of stealing focus.
    if (userAction) frame.focus({ preventScroll: true });
  }

  /** `fromFrame`: the visitor minimized from inside the chat, so focus returns to the launcher. */
  close(fromFrame = false): void {
    this.setOpen(false);
    if (fromFrame) this.view.button.focus();
  }

  private setOpen(open: boolean): void {
    this.isOpen = open;
    this.flags.set('open', open);
    this.view.setOpen(open);
    this.post({ tag: BRIDGE_TAG, type: open ? 'open' : 'close' });
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
        break;
      case 'close':
        this.close(true);
        break;
      case 'unread':
        this.view.setUnread(m.count);
        break;
      case 'active':
        this.flags.set('active', m.active);
        break;
      case 'hidden':
        this.view.setHidden(m.hidden);
        if (m.hidden) this.close();
        break;
    }
  }

  /**
   * Colours the launcher before the frame exists and shows it unless chat is switched off; a
   * failure (or no answer in time) shows it with the default look.
   */
  async applySiteLook(): Promise<void> {
    const { origin, siteKey } = this.boot;
    const fallback = setTimeout(() => this.view.setHidden(false), REVEAL_FALLBACK_MS);
    let enabled = true;
    try {
      const res = await fetch(
        `${origin}/api/v1/widget/config?siteKey=${encodeURIComponent(siteKey)}`,
        {
          credentials: 'omit',
        },
      );
      if (!res.ok) throw new Error('config');
      const body = (await res.json()) as {
        config?: { accentColor?: unknown; chatEnabled?: unknown };
      };
      const color = body.config?.accentColor;
      if (isHexColor(color)) this.view.setAccent(color);
      enabled = body.config?.chatEnabled !== false;
    } catch {
      // Offline, blocked by the page's CSP, or an older server: keep the defaults.
    }
    clearTimeout(fallback);
    this.view.setHidden(!enabled);
    if (!enabled) this.close();
  }
}

function start(boot: Boot): void {
  const widget = new Widget(boot);
  void widget.applySiteLook();
  installApi({
    open: () => widget.open(true),
    close: () => widget.close(),
  });
}

const boot = bootInfo(script);
if (boot && !alreadyLoaded()) {
  if (document.body) start(boot);
  else document.addEventListener('DOMContentLoaded', () => start(boot), { once: true });
}
