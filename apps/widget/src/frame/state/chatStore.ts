import type {
  Attachment,
  Message,
  ProactiveInvitation,
  RatingValue,
  SeenEvent,
  StartConversationInput,
  TicketInput,
  TypingEvent,
  VisitorConversation,
  WidgetConfig,
  WidgetLanguage,
} from '@parley/protocol';
import { pickLanguage } from '../language';
import {
  dropDelivered,
  highestSeq,
  mergeMessages,
  normalizeBody,
  type ChatMessage,
} from './messages';
import { newClientId } from './clientId';
import { fetchFile, FileCache, xhrUpload, type DownloadApi, type UploadApi } from './files';
import { answersOf, optionsView, type PendingAnswer } from './options';
import { Outbox } from './outbox';
import { signalsFor, shownInvitation, type Signal } from './live';
import { askedFields, prechatInput, type PrechatValues } from './prechat';
import { ReadMarks } from './readMarks';
import { keys, type KeyValue } from './storage';
import { RequestError, type Transport, type TransportFactory } from './transport';
import { SeenReporter } from './seen';
import { TypingNotifier } from './typing';
import {
  FATAL_CODES,
  isOpen,
  MAX_LENGTH,
  type ChatState,
  type Outcome,
  type SentTicket,
  type TicketOutcome,
} from './types';
import {
  addToTray,
  claimTray,
  dropOrphans,
  failed,
  isPermanent,
  needsUpload,
  ownedBy,
  patchUpload,
  removeUpload,
  sendable,
  started,
  trayOf,
  uploadedFor,
  type FileLike,
  type UploadItem,
} from './uploads';
import { needsDepartment } from './view';

export interface StoreDeps {
  siteKey: string;
  storage: KeyValue;
  connect: TransportFactory;
  now?: () => Date;
  /** File transfer over HTTP; XMLHttpRequest and fetch unless a test gives its own. */
  upload?: UploadApi;
  download?: DownloadApi;
  /** Live events for the host page and the sound (see live.ts). */
  signal?: (signal: Signal) => void;
  /** Makes a language's strings current; without it the language counts as applied at once. */
  loadLanguage?: (language: WidgetLanguage) => Promise<void>;
  /** The browser's preferred languages (navigator.languages). */
  browserLanguages?: () => readonly string[];
}

const fail = (err: unknown): Outcome => {
  const e = err instanceof RequestError ? err : new RequestError('INTERNAL');
  return { ok: false, code: e.code, details: e.details };
};

const AGENT_TYPING_EXPIRY_MS = 8000;
const MAX_SYNC_PAGES = 20;
const SYNC_PAGE_HINT = 100;
/** How long the thank-you for a sent message form is shown again when the chat is reopened. */
const TICKET_THANKS_MS = 2 * 60 * 60_000;
/** Sneak peek: agents may see this much of what the visitor is typing. */
const MAX_PREVIEW = 1000;

/**
 * The visitor's chat: the socket, the conversation, its messages and the outbox. It lives
 * outside the components, which only read its state and call its actions.
 */
export class ChatStore {
  private state: ChatState = {
    connection: 'connecting',
    loaded: false,
    config: null,
    conversation: null,
    messages: [],
    pending: [],
    agentTyping: null,
    unread: 0,
    hostOpen: false,
    disabled: false,
    ticket: null,
    askDepartment: false,
    departmentId: null,
    uploads: [],
    tooManyFiles: false,
    answers: {},
    agentSeen: null,
    invitation: null,
    visitor: null,
    muted: false,
    lang: 'en',
  };
  /** What the visitor has typed and not sent, kept when the composer gives way to the form. */
  private draft = '';
  private readonly listeners = new Set<() => void>();
  private transport: Transport | null = null;
  private token: string | null = null;
  private loadingCurrent: Promise<void> | null = null;
  private disposed = false;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private typingExpiry: ReturnType<typeof setTimeout> | null = null;
  private readonly typing = new TypingNotifier((typing) => {
    const c = this.state.conversation;
    if (!isOpen(c)) return;
    // Sneak peek: the text so far rides on "typing"; the server passes it on only if allowed.
    const preview = typing ? this.draft.slice(0, MAX_PREVIEW) : '';
    this.transport?.typing({ conversationId: c.id, typing, ...(preview ? { preview } : {}) });
  });
  private readonly seenReporter = new SeenReporter((conversationId, seq) =>
    this.transport?.seen({ conversationId, seq }),
  );
  /** The frame's page is visible and has focus: agent messages on screen count as read. */
  private focused = false;
  /** The frame's page (the tab) is visible, focused or not. */
  private pageVisible = true;
  /** Ids of messages the host page has been told of, so none is told twice. */
  private readonly announced = new Set<string>();
  /** `Parley.setLanguage`, from the loader. */
  private apiLanguage: string | null = null;
  private languageWanted: WidgetLanguage | null = null;
  /** Uploads under way, by upload key, so a send joins one rather than starting another. */
  private readonly inflight = new Map<
    string,
    { conversationId: string; abort: AbortController; promise: Promise<Attachment> }
  >();
  /** Images and downloads of the chat's files (fetched with the visitor's token). */
  readonly files = new FileCache((id, inline) =>
    (this.deps.download ?? fetchFile)(this.token ?? '', id, inline),
  );

  private readonly readMarks: ReadMarks;
  private readonly outbox = new Outbox({
    state: () => this.state,
    transport: () => this.transport,
    set: (patch) => this.set(patch),
    applyConversation: (c, messages) => this.applyConversation(c, messages),
    started: (input, conversation) => this.started(input, conversation),
    startInput: () => {
      const { config, departmentId, invitation } = this.state;
      if (invitation?.status === 'pending') return { invitationId: invitation.id };
      // With a survey, the survey starts the chat (submitPrechat); messages wait for it.
      if (askedFields(config?.prechatFields, config?.departments ?? []).length) return null;
      if (needsDepartment(config?.departments, departmentId)) {
        if (!this.state.askDepartment) this.set({ askDepartment: true });
        return null;
      }
      return departmentId && (config?.departments.length ?? 0) > 1 ? { departmentId } : {};
    },
    departmentRefused: () => {
      this.set({ departmentId: null, askDepartment: true });
      // The site's departments changed: ask with the list as it is now.
      this.transport?.request('widget:config', {}).then(
        (config) => this.applyConfig(config),
        () => undefined,
      );
    },
    invitationFailed: () => this.set({ invitation: null }),
    delivered: (m) => this.announce(m),
    later: (fn, ms) => this.later(fn, ms),
    claimFiles: (clientId) => this.set({ uploads: claimTray(this.state.uploads, clientId) }),
    filesFor: (clientId, conversationId) => this.filesFor(clientId, conversationId),
  });

  constructor(private readonly deps: StoreDeps) {
    this.readMarks = new ReadMarks(deps.storage, deps.siteKey);
    this.state = {
      ...this.state,
      ticket: this.storedTicket(),
      muted: deps.storage.get(keys.muted(deps.siteKey)) === '1',
    };
    this.updateLanguage();
  }

  getState = (): ChatState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /**
   * The loader's 'init': the visitor token (loader.js owns it) and the language set by the
   * page. A different token later means the loader made a new session (the old one was
   * refused): the chat starts over as that visitor.
   */
  init(token: string, language: string | null): void {
    this.setLanguage(language);
    if (this.disposed || token === this.token) return;
    const first = this.token === null;
    this.token = token;
    if (first) return this.connect();
    this.set({
      connection: 'connecting',
      loaded: false,
      conversation: null,
      messages: [],
      agentTyping: null,
      invitation: null,
      visitor: null,
      agentSeen: null,
      pending: this.state.pending.map((p) => ({ ...p, conversationId: null })),
    });
    this.transport?.reconnect(token);
  }

  /** `Parley.setLanguage` (null: back to the site's or the browser's language). */
  setLanguage(language: string | null): void {
    this.apiLanguage = language;
    this.updateLanguage();
  }

  private connect(): void {
    const transport = this.deps.connect(this.token!, {
      connect: () => void this.onConnect(),
      disconnect: () => this.set({ connection: 'reconnecting' }),
      refused: (code) => void this.onRefused(code),
      message: (m) => this.onMessage(m),
      conversation: (c) => this.onConversation(c),
      typing: (e) => this.onTyping(e),
      seen: (e) => this.onSeen(e),
      availability: (agentsAvailable) => {
        const config = this.state.config;
        if (config && config.agentsAvailable !== agentsAvailable)
          this.set({ config: { ...config, agentsAvailable } });
      },
      invitation: (i) => this.onInvitation(i),
      visitor: (visitor) => this.set({ visitor }),
    });
    // A ban can arrive as the answer to any request: the chat then goes quiet at once.
    const banned = (err: unknown) => {
      if (err instanceof RequestError && err.code === 'BANNED')
        this.set({ connection: 'unavailable' });
      throw err;
    };
    this.transport = {
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

  dispose(): void {
    this.disposed = true;
    this.typing.stop();
    this.seenReporter.cancel();
    for (const { abort } of this.inflight.values()) abort.abort();
    this.transport?.close();
    for (const t of this.timers) clearTimeout(t);
    if (this.typingExpiry) clearTimeout(this.typingExpiry);
  }

  // ---- actions -------------------------------------------------------------------------

  /**
   * Queues a message with the tray's files; false when there is nothing to send or the text
   * is too long. Files still uploading go on uploading; the message waits for them.
   */
  send(text: string): boolean {
    const body = normalizeBody(text);
    const files = trayOf(this.state.uploads).some(sendable);
    if ((!body && !files) || body.length > MAX_LENGTH || this.state.disabled) return false;
    this.typing.stop();
    if (this.state.tooManyFiles) this.set({ tooManyFiles: false });
    this.outbox.add(body, this.now());
    return true;
  }

  /** Files chosen, dropped or pasted: into the tray, uploading at once if a chat is open. */
  addFiles(files: readonly FileLike[]): void {
    if (files.length === 0 || this.state.disabled) return;
    const { uploads, turnedAway } = addToTray(this.state.uploads, files, () => newClientId(12));
    this.set({ uploads, tooManyFiles: turnedAway > 0 });
    this.startTray();
  }

  /** The X on a file in the tray: its upload, if any, is cancelled. */
  removeFile(key: string): void {
    this.inflight.get(key)?.abort.abort();
    this.inflight.delete(key);
    this.set({ uploads: removeUpload(this.state.uploads, key), tooManyFiles: false });
  }

  /** The visitor picked `choice` of options message `messageId`. */
  async answer(messageId: string, choice: number): Promise<void> {
    const c = this.state.conversation;
    const question = this.state.messages.find((m) => m.id === messageId);
    if (!isOpen(c) || question?.kind !== 'options' || !question.choices?.[choice]) return;
    const answers = answersOf(this.state.messages);
    if (optionsView(messageId, answers, this.state.answers, true).disabled) return;
    this.setAnswer(messageId, { choice, state: 'sending' });
    try {
      const t = this.transport;
      if (!t) throw new RequestError('DISCONNECTED');
      const ack = await t.request('options:answer', { conversationId: c.id, messageId, choice });
      // Answered before (another tab): that answer stands, and arrives as a message.
      if (ack.duplicate) return;
      const own: ChatMessage = {
        id: ack.id,
        conversationId: c.id,
        seq: ack.seq,
        clientId: `answer-${messageId}`,
        author: { type: 'visitor', id: null, name: null },
        body: question.choices[choice]!,
        visibility: 'public',
        createdAt: ack.createdAt,
        kind: 'answer',
        answer: { messageId, choice },
        local: true,
      };
      this.setAnswer(messageId, null);
      this.announce(own);
      const now = this.state.conversation;
      if (now?.id === c.id) this.applyConversation(now, [own]);
    } catch (err) {
      const e = err instanceof RequestError ? err : new RequestError('INTERNAL');
      this.setAnswer(messageId, { choice, state: 'failed', errorCode: e.code });
    }
  }

  retry(clientId: string): void {
    this.outbox.retry(clientId);
  }

  /** Puts a closed chat away; the next message opens a new conversation. */
  startNewChat(): void {
    const c = this.state.conversation;
    if (c?.status === 'closed') this.deps.storage.set(keys.dismissed(this.deps.siteKey), c.id);
    this.deps.storage.remove(keys.ticket(this.deps.siteKey));
    this.set({
      conversation: null,
      messages: [],
      agentTyping: null,
      pending: this.state.pending.map((p) => ({ ...p, conversationId: null })),
      ticket: null,
    });
  }

  /** The visitor picked the department for their first message: send it there. */
  chooseDepartment(departmentId: string): void {
    this.set({ departmentId, askDepartment: false });
    void this.outbox.flush();
  }

  /**
   * The message form (nobody can answer): becomes a ticket, and the server closes a chat that
   * was waiting. Resolves with the outcome; the form shows field errors from `details`.
   */
  async sendTicket(input: TicketInput): Promise<TicketOutcome> {
    const t = this.transport;
    if (!t?.connected) return { ok: false, code: 'DISCONNECTED' };
    const waiting = isOpen(this.state.conversation);
    try {
      const { ticket } = await t.request('ticket:create', input);
      this.deps.storage.set(keys.ticket(this.deps.siteKey), `${ticket.id} ${ticket.createdAt}`);
      this.draft = '';
      this.set({
        ticket: { id: ticket.id, createdAt: ticket.createdAt },
        // Unsent chat messages went into the form (see leftoverText).
        pending: this.state.pending.filter((p) => p.conversationId !== null),
        askDepartment: false,
      });
      // The server has closed the waiting chat; its update may be lost on a bad connection.
      if (waiting) void this.loadCurrent();
      return { ok: true };
    } catch (err) {
      const e = err instanceof RequestError ? err : new RequestError('INTERNAL');
      return { ok: false, code: e.code, details: e.details };
    }
  }

  /** Back from the thank-you to the form (or the chat): "Send another message". */
  dismissTicket(): void {
    this.deps.storage.remove(keys.ticket(this.deps.siteKey));
    this.set({ ticket: null });
  }

  /** The composer's text, to start it with after it was replaced by the form and back. */
  get draftText(): string {
    return this.draft;
  }

  /** The form's message becomes the composer's draft ("Chat with us instead"). */
  keepDraft(text: string): void {
    this.draft = text;
  }

  /** What the visitor wrote for the chat and nobody got yet: the form's message starts with it. */
  leftoverText(): string {
    const unsent = this.state.pending.filter((p) => p.conversationId === null).map((p) => p.body);
    return [...unsent, this.draft.trim()].filter(Boolean).join('\n\n');
  }

  async endChat(): Promise<boolean> {
    const c = this.state.conversation;
    if (!isOpen(c) || !this.transport) return false;
    try {
      const { conversation } = await this.transport.request('conversation:close', {
        conversationId: c.id,
      });
      this.applyConversation(conversation, []);
      return true;
    } catch {
      return false;
    }
  }

  draftChanged(text: string): void {
    this.draft = text;
    if (text.trim() && isOpen(this.state.conversation)) this.typing.input();
    else this.typing.stop();
  }

  setHostOpen(open: boolean): void {
    if (!open) this.typing.stop();
    // Minimizing a chat that showed an invitation, without replying, is a "no thanks".
    const { hostOpen, invitation, pending } = this.state;
    if (!open && hostOpen && invitation?.status === 'pending' && pending.length === 0)
      this.declineInvitation();
    this.set({ hostOpen: open });
    this.reportSeen();
  }

  /** The frame's page is visible (the tab is in front) and has focus, or not. */
  setAttention(visible: boolean, focused: boolean): void {
    this.pageVisible = visible;
    this.focused = visible && focused;
    this.reportSeen();
  }

  toggleMute(): void {
    const muted = !this.state.muted;
    if (muted) this.deps.storage.set(keys.muted(this.deps.siteKey), '1');
    else this.deps.storage.remove(keys.muted(this.deps.siteKey));
    this.set({ muted });
  }

  /** "No thanks" on a proactive invitation. */
  declineInvitation(): void {
    const invitation = this.state.invitation;
    if (invitation?.status !== 'pending') return;
    this.set({ invitation: null });
    this.transport
      ?.request('invitation:decline', { invitationId: invitation.id })
      .catch(() => undefined);
  }

  /** Starts the chat with the pre-chat survey's answers; queued messages then go to it. */
  async submitPrechat(values: PrechatValues): Promise<Outcome> {
    const t = this.transport;
    if (!t?.connected) return { ok: false, code: 'DISCONNECTED' };
    const config = this.state.config;
    const input = prechatInput(
      askedFields(config?.prechatFields, config?.departments ?? []),
      values,
    );
    try {
      const { conversation } = await t.request('conversation:start', input);
      this.started(input, conversation);
      this.applyConversation(conversation, []);
      void this.outbox.flush();
      return { ok: true };
    } catch (err) {
      return fail(err);
    }
  }

  /** Good or bad, with an optional comment, for the chat that has just ended. */
  async rate(rating: RatingValue, comment: string): Promise<Outcome> {
    const c = this.state.conversation;
    if (c?.status !== 'closed') return { ok: false, code: 'NOT_FOUND' };
    try {
      const text = comment.trim();
      const { conversation } = await this.need().request('conversation:rate', {
        conversationId: c.id,
        rating,
        ...(text ? { comment: text } : {}),
      });
      if (this.state.conversation?.id === c.id) this.applyConversation(conversation, []);
      return { ok: true };
    } catch (err) {
      return fail(err);
    }
  }

  /** Mails the conversation (open or ended) to `email`, in `language`; resolves with where it went. */
  async sendTranscript(
    email: string,
    language?: WidgetLanguage,
  ): Promise<Outcome & { sentTo?: string }> {
    const c = this.state.conversation;
    if (!c) return { ok: false, code: 'NOT_FOUND' };
    try {
      const { sentTo } = await this.need().request('conversation:transcript', {
        conversationId: c.id,
        email: email.trim(),
        ...(language ? { language } : {}),
      });
      return { ok: true, sentTo };
    } catch (err) {
      return fail(err);
    }
  }

  /**
   * "Your details". Only what the visitor changed is sent: resending an unchanged verified
   * email as typed-by-the-visitor would cost it its verification.
   */
  async updateVisitor(values: { name: string; email: string }): Promise<Outcome> {
    const before = this.state.visitor;
    const name = values.name.trim() || null;
    const email = values.email.trim().toLowerCase() || null;
    const input = {
      ...(name !== (before?.name ?? null) ? { name } : {}),
      ...(email !== (before?.email ?? null) ? { email } : {}),
    };
    if (Object.keys(input).length === 0) return { ok: true };
    try {
      const { visitor } = await this.need().request('visitor:update', input);
      this.set({ visitor });
      return { ok: true };
    } catch (err) {
      return fail(err);
    }
  }

  /** Another tab may have marked messages seen. */
  refreshUnread(): void {
    this.set({});
  }

  // ---- connection ----------------------------------------------------------------------

  private need(): Transport {
    if (!this.transport?.connected) throw new RequestError('DISCONNECTED');
    return this.transport;
  }

  private onRefused(code: string): void {
    // An unknown token: loader.js makes a new session (its live stream is refused too) and
    // sends it in a new 'init'; until then the chat says it is connecting.
    if (code === 'UNAUTHENTICATED') this.set({ connection: 'connecting' });
    else if (FATAL_CODES.has(code)) this.set({ connection: 'unavailable' });
    else this.later(() => this.token && this.transport?.reconnect(this.token), 3000);
  }

  private async onConnect(): Promise<void> {
    this.set({ connection: 'online' });
    try {
      if (this.state.loaded) await this.resync();
      else await this.loadAll();
    } catch (err) {
      // A server error while loading: try again shortly. A lost connection retries on connect.
      if (err instanceof RequestError && !err.unanswered)
        this.later(() => void this.onConnect(), 3000);
    }
    // Sends do not depend on a successful sync: the outbox goes out as soon as we can.
    void this.outbox.flush();
  }

  private async loadAll(): Promise<void> {
    const t = this.transport!;
    // Who the visitor is only fills in forms: the chat does not wait for it, nor fail without it.
    t.request('visitor:me', {}).then(
      ({ visitor }) => this.set({ visitor }),
      () => undefined,
    );
    const [config, current] = await Promise.all([
      t.request('widget:config', {}),
      t.request('conversation:current', {}),
    ]);
    this.applyCurrent(current.conversation, current.messages, current.invitation);
    this.applyConfig(config, { loaded: true });
  }

  private applyConfig(config: WidgetConfig, patch: Partial<ChatState> = {}): void {
    this.set({ ...patch, config, disabled: !config.chatEnabled });
    this.updateLanguage();
    // Held for a department the site no longer asks about (or no longer has): ask or go on.
    const { askDepartment, departmentId } = this.state;
    if (askDepartment && !needsDepartment(config.departments, departmentId)) {
      this.set({ askDepartment: false });
      void this.outbox.flush();
    }
  }

  private storedTicket(): SentTicket | null {
    const key = keys.ticket(this.deps.siteKey);
    const [id, createdAt] = (this.deps.storage.get(key) ?? '').split(' ');
    const age = this.now().getTime() - Date.parse(createdAt ?? '');
    if (id && createdAt && age < TICKET_THANKS_MS) return { id, createdAt };
    this.deps.storage.remove(key);
    return null;
  }

  /** After a reconnect: whatever was missed, from the last seq held. */
  private async resync(): Promise<void> {
    const t = this.transport!;
    // Agent availability may have changed while we were away; not worth failing the sync for.
    t.request('widget:config', {}).then(
      (config) => this.applyConfig(config),
      () => undefined,
    );
    for (let page = 0; page < MAX_SYNC_PAGES; page++) {
      const c = this.state.conversation;
      if (!c) break;
      const before = highestSeq(this.state.messages);
      const res = await t.request('sync', { conversations: [{ id: c.id, afterSeq: before }] });
      const entry = res.conversations.find((e) => e.conversation.id === c.id);
      if (!entry) break;
      this.applyConversation(entry.conversation, entry.messages);
      // A long absence may come back in pages; a short page means we are up to date.
      if (entry.messages.length < SYNC_PAGE_HINT || highestSeq(this.state.messages) <= before)
        break;
    }
    // No conversation, or it ended: another tab may have started a new one meanwhile.
    if (!isOpen(this.state.conversation)) await this.loadCurrent();
  }

  private loadCurrent(): Promise<void> {
    this.loadingCurrent ??= (async () => {
      try {
        const res = await this.transport!.request('conversation:current', {});
        this.applyCurrent(res.conversation, res.messages, res.invitation);
      } catch {
        // The next reconnect or event tries again.
      } finally {
        this.loadingCurrent = null;
      }
    })();
    return this.loadingCurrent;
  }

  // ---- incoming ------------------------------------------------------------------------

  private applyCurrent(
    conversation: VisitorConversation | null,
    messages: Message[],
    invitation: ProactiveInvitation | null | undefined,
  ): void {
    const pending = invitation?.status === 'pending' ? invitation : null;
    // The invitation opens a new conversation: an ended one makes way for it.
    if (pending && conversation?.status === 'closed')
      this.deps.storage.set(keys.dismissed(this.deps.siteKey), conversation.id);
    // Kept while this visitor's reply to it is starting its chat.
    const kept = this.state.invitation?.status === 'accepted' ? this.state.invitation : null;
    if (pending || !kept) this.set({ invitation: pending });
    const dismissed = this.deps.storage.get(keys.dismissed(this.deps.siteKey));
    if (!conversation || (conversation.status === 'closed' && conversation.id === dismissed)) {
      if (this.state.conversation)
        this.set({ conversation: null, messages: [], agentTyping: null });
      return;
    }
    this.applyConversation(conversation, messages);
  }

  private applyConversation(incoming: VisitorConversation, messages: readonly ChatMessage[]): void {
    const current = this.state.conversation;
    const same = current?.id === incoming.id;
    // Closed is final: a late event from before the close must not reopen the chat here.
    const conversation =
      same && current.status === 'closed' && incoming.status !== 'closed' ? current : incoming;
    const merged = mergeMessages(same ? this.state.messages : [], messages);
    const agentSpoke =
      merged !== this.state.messages && messages.some((m) => m.author.type === 'agent');
    const invitation = this.state.invitation;
    this.set({
      conversation,
      messages: merged,
      pending: dropDelivered(this.state.pending, merged),
      agentTyping:
        conversation.status === 'closed' || agentSpoke || !same ? null : this.state.agentTyping,
      agentSeen: same ? this.state.agentSeen : null,
      // An accepted invitation stood in for the agent's first message until it arrived.
      invitation:
        invitation?.status === 'accepted' && !shownInvitation(invitation, conversation, merged)
          ? null
          : invitation,
    });
    this.startTray();
    this.reportSeen();
  }

  private onMessage(m: Message): void {
    this.announce(m);
    const c = this.state.conversation;
    if (c && m.conversationId === c.id) this.applyConversation(c, [m]);
    // A message for a chat we do not show: one started in another tab.
    else if (!isOpen(c)) void this.loadCurrent();
  }

  private onConversation(incoming: VisitorConversation): void {
    const c = this.state.conversation;
    if (c?.id === incoming.id) this.applyConversation(incoming, []);
    else if (incoming.status !== 'closed' && !isOpen(c)) void this.loadCurrent();
  }

  private onInvitation(invitation: ProactiveInvitation): void {
    const current = this.state.invitation;
    if (invitation.status === 'pending') {
      if (current?.id === invitation.id || isOpen(this.state.conversation)) return;
      // An ended chat makes way, as "Start a new chat" would.
      if (this.state.conversation) this.startNewChat();
      this.set({ invitation });
      // Shown even if the chat is minimized: loader.js opens it without taking focus.
      this.emit({ type: 'open' });
      if (!this.state.muted && (!this.pageVisible || !this.state.hostOpen))
        this.emit({ type: 'chime' });
    } else if (current?.id === invitation.id) {
      // Replied to in another tab: that chat is this visitor's too.
      if (invitation.status === 'accepted' && invitation.conversationId) {
        this.set({ invitation });
        if (this.state.conversation?.id !== invitation.conversationId) void this.loadCurrent();
      } else {
        this.set({ invitation: null });
      }
    }
  }

  /** A conversation this tab started: the survey, the department and the invitation are done. */
  private started(input: StartConversationInput, conversation: VisitorConversation): void {
    this.deps.storage.remove(keys.dismissed(this.deps.siteKey));
    this.deps.storage.remove(keys.ticket(this.deps.siteKey));
    const invitation = this.state.invitation;
    this.set({
      ticket: null,
      departmentId: null,
      askDepartment: false,
      invitation:
        input.invitationId && invitation?.id === input.invitationId
          ? { ...invitation, status: 'accepted', conversationId: conversation.id }
          : null,
    });
    // The server wrote the invitation as the agent's first message: fetch it if it is not here.
    if (input.invitationId && conversation.lastSeq > 0)
      this.later(() => void this.fetchMissing(conversation.id), 0);
  }

  private async fetchMissing(conversationId: string): Promise<void> {
    const c = this.state.conversation;
    if (c?.id !== conversationId || !this.transport) return;
    try {
      const res = await this.transport.request('sync', {
        conversations: [{ id: c.id, afterSeq: 0 }],
      });
      const entry = res.conversations.find((e) => e.conversation.id === c.id);
      if (entry) this.applyConversation(entry.conversation, entry.messages);
    } catch {
      // A reconnect syncs anyway.
    }
  }

  /** Tells the host page (and the sound) of a message that has just appeared, once. */
  private announce(m: Message): void {
    if (this.announced.has(m.id) || this.state.messages.some((x) => x.id === m.id)) return;
    this.announced.add(m.id);
    for (const s of signalsFor(m, {
      pageVisible: this.pageVisible,
      chatOpen: this.state.hostOpen,
      muted: this.state.muted,
    }))
      this.emit(s);
  }

  private emit(signal: Signal): void {
    this.deps.signal?.(signal);
  }

  private updateLanguage(): void {
    const browser = this.deps.browserLanguages?.() ?? [];
    const wanted = pickLanguage(this.apiLanguage, this.state.config?.language, browser);
    if (wanted === this.languageWanted) return;
    this.languageWanted = wanted;
    const load = this.deps.loadLanguage;
    if (!load) return this.set({ lang: wanted });
    load(wanted).then(
      // A later choice may have overtaken this one while it loaded.
      () => this.languageWanted === wanted && this.set({ lang: wanted }),
      () => undefined,
    );
  }

  private onTyping(e: TypingEvent): void {
    if (e.author.type !== 'agent' || e.conversationId !== this.state.conversation?.id) return;
    if (this.typingExpiry) clearTimeout(this.typingExpiry);
    this.typingExpiry = null;
    // Typing events may be dropped; a lost "stopped" must not leave the dots up for ever.
    if (e.typing)
      this.typingExpiry = setTimeout(() => this.set({ agentTyping: null }), AGENT_TYPING_EXPIRY_MS);
    this.set({ agentTyping: e.typing ? (e.author.name ?? '') : null });
  }

  private onSeen(e: SeenEvent): void {
    const c = this.state.conversation;
    if (e.reader.type !== 'agent' || c?.id !== e.conversationId) return;
    const before = this.state.agentSeen?.conversationId === c.id ? this.state.agentSeen.seq : 0;
    if (e.seq > before) this.set({ agentSeen: { conversationId: c.id, seq: e.seq } });
  }

  private reportSeen(): void {
    const c = this.state.conversation;
    this.seenReporter.update(
      c?.id ?? null,
      this.state.messages,
      this.state.hostOpen && this.focused,
    );
  }

  private setAnswer(messageId: string, answer: PendingAnswer | null): void {
    const answers = { ...this.state.answers };
    if (answer) answers[messageId] = answer;
    else delete answers[messageId];
    this.set({ answers });
  }

  // ---- files ---------------------------------------------------------------------------

  /** With a chat open, files in the tray upload right away, so sending is quick. */
  private startTray(): void {
    const c = this.state.conversation;
    if (!isOpen(c) || !this.token) return;
    for (const u of trayOf(this.state.uploads))
      if (u.status === 'queued') this.uploadOne(u.key, c.id).catch(() => undefined);
  }

  private async filesFor(clientId: string, conversationId: string): Promise<Attachment[]> {
    const items = ownedBy(this.state.uploads, clientId);
    const results = await Promise.allSettled(
      items.map((u) => this.uploadOne(u.key, conversationId)),
    );
    for (const r of results) {
      if (r.status === 'fulfilled') continue;
      const e = r.reason instanceof RequestError ? r.reason : new RequestError('UPLOAD_FAILED');
      // Refused files went back to the tray; the rest of the message still goes.
      if (!isPermanent(e.code)) throw e;
    }
    return uploadedFor(this.state.uploads, clientId, conversationId);
  }

  private uploadOne(key: string, conversationId: string): Promise<Attachment> {
    const running = this.inflight.get(key);
    if (running?.conversationId === conversationId) return running.promise;
    running?.abort.abort();
    const item = this.state.uploads.find((u) => u.key === key);
    if (!item) return Promise.reject(new RequestError('ABORTED'));
    if (!needsUpload(item, conversationId)) return Promise.resolve(item.attachment!);
    const abort = new AbortController();
    const current = () => this.inflight.get(key)?.abort === abort;
    const patch = (p: Partial<UploadItem>) =>
      this.set({ uploads: patchUpload(this.state.uploads, key, p) });
    patch(started(conversationId));
    const promise = (this.deps.upload ?? xhrUpload)({
      token: this.token ?? '',
      conversationId,
      file: item.file,
      signal: abort.signal,
      onProgress: (loaded) => {
        if (current()) patch({ loaded });
      },
    }).then(
      (attachment) => {
        if (current()) {
          this.inflight.delete(key);
          patch({ status: 'done', loaded: item.size, attachment });
          // Our own picture is shown from the file we have rather than downloaded again.
          if (attachment.isImage) this.files.prime(attachment.id, item.file);
        }
        return attachment;
      },
      (err: unknown) => {
        const e = err instanceof RequestError ? err : new RequestError('UPLOAD_FAILED');
        if (current()) {
          this.inflight.delete(key);
          if (e.code !== 'ABORTED') patch(failed(e.code, Number(e.details?.limitMb) || undefined));
        }
        throw e;
      },
    );
    this.inflight.set(key, { conversationId, abort, promise });
    return promise;
  }

  // ---- plumbing ------------------------------------------------------------------------

  private set(patch: Partial<ChatState>): void {
    if (this.disposed) return;
    const next = { ...this.state, ...patch };
    if (next.pending !== this.state.pending) next.uploads = dropOrphans(next.uploads, next.pending);
    next.unread = this.readMarks.unread(next.conversation, next.messages, next.hostOpen);
    this.state = next;
    for (const l of this.listeners) l();
  }

  private later(fn: () => void, ms: number): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      if (!this.disposed) fn();
    }, ms);
    this.timers.add(t);
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }
}
