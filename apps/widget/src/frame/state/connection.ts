import type { WidgetConfig } from '@parley/protocol/contract';
import type { Features } from './features';
import { highestSeq } from './messages';
import type { Store } from './store';
import { RequestError } from './transport';
import { FATAL_CODES, isOpen, type ChatState } from './types';
import { needsDepartment } from './view';

const MAX_SYNC_PAGES = 20;
const SYNC_PAGE_HINT = 100;
const RETRY_MS = 3000;

/** The socket: connecting as the visitor loader.js names, loading, and catching up after a drop. */
export class ConnectionControl {
  private loadingCurrent: Promise<void> | null = null;

  constructor(
    private readonly store: Store,
    private readonly f: Features,
  ) {}

  /**
   * The loader's 'init': the visitor token (loader.js owns it) and the language set by the
   * page. A different token later means the loader made a new session (the old one was
   * refused): the chat starts over as that visitor.
   */
  init(token: string, language: string | null): void {
    const s = this.store;
    this.f.visitor.setLanguage(language);
    if (s.disposed || token === s.token) return;
    const first = s.token === null;
    s.token = token;
    if (first) return this.connect();
    s.set({
      connection: 'connecting',
      loaded: false,
      conversation: null,
      messages: [],
      agentTyping: null,
      invitation: null,
      visitor: null,
      agentSeen: null,
      pending: s.state.pending.map((p) => ({ ...p, conversationId: null })),
    });
    s.transport?.reconnect(token);
  }

  private connect(): void {
    const s = this.store;
    const { conversation, visitor } = this.f;
    const transport = s.deps.connect(s.token!, {
      connect: () => void this.onConnect(),
      disconnect: () => s.set({ connection: 'reconnecting' }),
      refused: (code) => this.onRefused(code),
      message: (m) => conversation.onMessage(m),
      conversation: (c) => conversation.onConversation(c),
      typing: (e) => conversation.onTyping(e),
      seen: (e) => conversation.onSeen(e),
      availability: (agentsAvailable) => {
        const config = s.state.config;
        if (config && config.agentsAvailable !== agentsAvailable)
          s.set({ config: { ...config, agentsAvailable } });
      },
      invitation: (i) => visitor.onInvitation(i),
      visitor: (v) => s.set({ visitor: v }),
    });
    // A ban can arrive as the answer to any request: the chat then goes quiet at once.
    const banned = (err: unknown) => {
      if (err instanceof RequestError && err.code === 'BANNED')
        s.set({ connection: 'unavailable' });
      throw err;
    };
    s.transport = {
      get connected() {
        return transport.connected;
      },
      request: (name, payload) => transport.request(name, payload).catch(banned),
      typing: (p) => transport.typing(p),
      seen: (p) => transport.seen(p),
      reconnect: (token) => transport.reconnect(token),
      close: () => transport.close(),
    };
  }

  private onRefused(code: string): void {
    const s = this.store;
    // An unknown token: loader.js makes a new session (its live stream is refused too) and
    // sends it in a new 'init'; until then the chat says it is connecting.
    if (code === 'UNAUTHENTICATED') s.set({ connection: 'connecting' });
    else if (FATAL_CODES.has(code)) s.set({ connection: 'unavailable' });
    else s.later(() => s.token && s.transport?.reconnect(s.token), RETRY_MS);
  }

  private async onConnect(): Promise<void> {
    const s = this.store;
    s.set({ connection: 'online' });
    try {
      if (s.state.loaded) await this.resync();
      else await this.loadAll();
    } catch (err) {
      // A server error while loading: try again shortly. A lost connection retries on connect.
      if (err instanceof RequestError && !err.unanswered)
        s.later(() => void this.onConnect(), RETRY_MS);
    }
    // Sends do not depend on a successful sync: the outbox goes out as soon as we can.
    void this.f.sending.flush();
  }

  private async loadAll(): Promise<void> {
    const s = this.store;
    // Who the visitor is only fills in forms: the chat does not wait for it, nor fail without it.
    s.request('visitor:me', {}).then(
      ({ visitor }) => s.set({ visitor }),
      () => undefined,
    );
    const [config, current] = await Promise.all([
      s.request('widget:config', {}),
      s.request('conversation:current', {}),
    ]);
    this.f.conversation.applyCurrent(current.conversation, current.messages, current.invitation);
    this.applyConfig(config, { loaded: true });
  }

  /** The site's config again (agents came or went, departments changed); errors are ignored. */
  reloadConfig(): void {
    this.store.request('widget:config', {}).then(
      (config) => this.applyConfig(config),
      () => undefined,
    );
  }

  private applyConfig(config: WidgetConfig, patch: Partial<ChatState> = {}): void {
    const s = this.store;
    s.set({ ...patch, config, disabled: !config.chatEnabled });
    this.f.visitor.updateLanguage();
    // Held for a department the site no longer asks about (or no longer has): ask or go on.
    const { askDepartment, departmentId } = s.state;
    if (askDepartment && !needsDepartment(config.departments, departmentId)) {
      s.set({ askDepartment: false });
      void this.f.sending.flush();
    }
  }

  /** After a reconnect: whatever was missed, from the last seq held. */
  private async resync(): Promise<void> {
    const s = this.store;
    // Agent availability may have changed while we were away; not worth failing the sync for.
    this.reloadConfig();
    for (let page = 0; page < MAX_SYNC_PAGES; page++) {
      const c = s.state.conversation;
      if (!c) break;
      const before = highestSeq(s.state.messages);
      const got = await this.f.conversation.sync(c.id, before);
      // A long absence may come back in pages; a short page means we are up to date.
      if (!got || got.length < SYNC_PAGE_HINT || highestSeq(s.state.messages) <= before) break;
    }
    // No conversation, or it ended: another tab may have started a new one meanwhile.
    if (!isOpen(s.state.conversation)) await this.loadCurrent();
  }

  /** The visitor's conversation as the server has it now; one read at a time. */
  loadCurrent(): Promise<void> {
    this.loadingCurrent ??= (async () => {
      try {
        const res = await this.store.request('conversation:current', {});
        this.f.conversation.applyCurrent(res.conversation, res.messages, res.invitation);
      } catch {
        // The next reconnect or event tries again.
      } finally {
        this.loadingCurrent = null;
      }
    })();
    return this.loadingCurrent;
  }
}
