import type { WidgetLanguage } from '@parley/protocol/contract';
import type { DownloadApi, UploadApi } from './files';
import type { Signal } from './live';
import { ReadMarks } from './readMarks';
import { keys, type KeyValue } from './storage';
import {
  RequestError,
  type RequestName,
  type RequestPayload,
  type RequestResult,
  type Transport,
  type TransportFactory,
} from './transport';
import type { ChatState, Outcome } from './types';
import { dropOrphans } from './uploads';

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

/** What a refused or failed request comes to for a form. */
export const fail = (err: unknown): Outcome => {
  const e = RequestError.of(err);
  return { ok: false, code: e.code, details: e.details };
};

/** What the frame keeps in its storage, per site. */
type StoredKey = 'dismissed' | 'ticket' | 'muted';

/**
 * The one store the chat's features share: the state snapshot and its listeners, the socket
 * with the one function every request goes through, timers, storage and signals. The feature
 * controllers (connection, conversation, sending, forms, visitor) hold no state of the chat
 * that the UI draws; it all lives here.
 */
export class Store {
  state: ChatState = {
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
  transport: Transport | null = null;
  /** The visitor token loader.js handed over; null until its 'init'. */
  token: string | null = null;
  disposed = false;
  private readonly listeners = new Set<() => void>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private readonly readMarks: ReadMarks;

  constructor(readonly deps: StoreDeps) {
    this.readMarks = new ReadMarks(deps.storage, deps.siteKey);
  }

  set(patch: Partial<ChatState>): void {
    if (this.disposed) return;
    const next = { ...this.state, ...patch };
    if (next.pending !== this.state.pending) next.uploads = dropOrphans(next.uploads, next.pending);
    next.unread = this.readMarks.unread(next.conversation, next.messages, next.hostOpen);
    this.state = next;
    for (const l of this.listeners) l();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Every request of the chat: rejects with DISCONNECTED while there is no connection, with
   * the server's RequestError when refused.
   */
  async request<K extends RequestName>(
    name: K,
    payload: RequestPayload<K>,
  ): Promise<RequestResult<K>> {
    const t = this.transport;
    if (!t?.connected) throw new RequestError('DISCONNECTED');
    return t.request(name, payload);
  }

  get connected(): boolean {
    return !!this.transport?.connected;
  }

  later(fn: () => void, ms: number): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      if (!this.disposed) fn();
    }, ms);
    this.timers.add(t);
  }

  now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  stored(key: StoredKey): string | null {
    return this.deps.storage.get(keys[key](this.deps.siteKey));
  }

  /** Keeps `value` under `key`; null removes it. */
  store(key: StoredKey, value: string | null): void {
    const k = keys[key](this.deps.siteKey);
    if (value === null) this.deps.storage.remove(k);
    else this.deps.storage.set(k, value);
  }

  emit(signal: Signal): void {
    this.deps.signal?.(signal);
  }

  dispose(): void {
    this.disposed = true;
    this.transport?.close();
    for (const t of this.timers) clearTimeout(t);
  }
}
