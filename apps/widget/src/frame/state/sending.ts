import { MAX_MESSAGE_LENGTH, MAX_TYPING_PREVIEW, type Attachment } from '@parley/protocol/contract';
import { newClientId } from '@parley/protocol/contract';
import type { Features } from './features';
import { fetchFile, FileCache, xhrUpload } from './files';
import { normalizeBody } from './messages';
import { Outbox } from './outbox';
import { askedFields } from './prechat';
import type { Store } from './store';
import { RequestError } from './transport';
import { TypingNotifier } from './typing';
import { isOpen } from './types';
import {
  addToTray,
  claimTray,
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

/**
 * What the visitor sends: the composer's draft and typing, the outbox of messages until the
 * server has them, and the files that go with them (uploaded as soon as a chat is open).
 */
export class SendingControl {
  /** What the visitor has typed and not sent, kept when the composer gives way to the form. */
  draft = '';
  private readonly typing = new TypingNotifier((typing) => {
    const c = this.store.state.conversation;
    if (!isOpen(c)) return;
    // Sneak peek: the text so far rides on "typing"; the server passes it on only if allowed.
    const preview = typing ? this.draft.slice(0, MAX_TYPING_PREVIEW) : '';
    this.store.transport?.typing({ conversationId: c.id, typing, ...(preview ? { preview } : {}) });
  });
  /** Uploads under way, by upload key, so a send joins one rather than starting another. */
  private readonly inflight = new Map<
    string,
    { conversationId: string; abort: AbortController; promise: Promise<Attachment> }
  >();
  /** Images and downloads of the chat's files (fetched with the visitor's token). */
  readonly files = new FileCache((id, inline) =>
    (this.store.deps.download ?? fetchFile)(this.store.token ?? '', id, inline),
  );
  private readonly outbox: Outbox;

  constructor(
    private readonly store: Store,
    f: Features,
  ) {
    const s = store;
    this.outbox = new Outbox(s, {
      applyConversation: (c, messages) => f.conversation.applyConversation(c, messages),
      started: (input, conversation) => f.conversation.started(input, conversation),
      startInput: () => {
        const { config, departmentId, invitation } = s.state;
        if (invitation?.status === 'pending') return { invitationId: invitation.id };
        // With a survey, the survey starts the chat (submitPrechat); messages wait for it.
        if (askedFields(config?.prechatFields, config?.departments ?? []).length) return null;
        if (needsDepartment(config?.departments, departmentId)) {
          if (!s.state.askDepartment) s.set({ askDepartment: true });
          return null;
        }
        return departmentId && (config?.departments.length ?? 0) > 1 ? { departmentId } : {};
      },
      departmentRefused: () => {
        s.set({ departmentId: null, askDepartment: true });
        // The site's departments changed: ask with the list as it is now.
        f.connection.reloadConfig();
      },
      invitationFailed: () => s.set({ invitation: null }),
      delivered: (m) => f.conversation.announce(m),
      claimFiles: (clientId) => s.set({ uploads: claimTray(s.state.uploads, clientId) }),
      filesFor: (clientId, conversationId) => this.filesFor(clientId, conversationId),
    });
  }

  dispose(): void {
    this.typing.stop();
    for (const { abort } of this.inflight.values()) abort.abort();
  }

  /**
   * Queues a message with the tray's files; false when there is nothing to send or the text
   * is too long. Files still uploading go on uploading; the message waits for them.
   */
  send(text: string): boolean {
    const s = this.store;
    const body = normalizeBody(text);
    const files = trayOf(s.state.uploads).some(sendable);
    if ((!body && !files) || body.length > MAX_MESSAGE_LENGTH || s.state.disabled) return false;
    this.typing.stop();
    if (s.state.tooManyFiles) s.set({ tooManyFiles: false });
    this.outbox.add(body, s.now());
    return true;
  }

  retry(clientId: string): void {
    this.outbox.retry(clientId);
  }

  /** Sends what is queued, if it can go now. */
  flush(): Promise<void> {
    return this.outbox.flush();
  }

  /** The visitor picked the department for their first message: send it there. */
  chooseDepartment(departmentId: string): void {
    this.store.set({ departmentId, askDepartment: false });
    void this.flush();
  }

  draftChanged(text: string): void {
    this.draft = text;
    if (text.trim() && isOpen(this.store.state.conversation)) this.typing.input();
    else this.typing.stop();
  }

  stopTyping(): void {
    this.typing.stop();
  }

  /** What the visitor wrote for the chat and nobody got yet: the form's message starts with it. */
  leftoverText(): string {
    const { pending } = this.store.state;
    const unsent = pending.filter((p) => p.conversationId === null).map((p) => p.body);
    return [...unsent, this.draft.trim()].filter(Boolean).join('\n\n');
  }

  // ---- files ---------------------------------------------------------------------------

  /** Files chosen, dropped or pasted: into the tray, uploading at once if a chat is open. */
  addFiles(files: readonly FileLike[]): void {
    const s = this.store;
    if (files.length === 0 || s.state.disabled) return;
    const { uploads, turnedAway } = addToTray(s.state.uploads, files, () => newClientId(12));
    s.set({ uploads, tooManyFiles: turnedAway > 0 });
    this.startTray();
  }

  /** The X on a file in the tray: its upload, if any, is cancelled. */
  removeFile(key: string): void {
    this.inflight.get(key)?.abort.abort();
    this.inflight.delete(key);
    this.store.set({ uploads: removeUpload(this.store.state.uploads, key), tooManyFiles: false });
  }

  /** With a chat open, files in the tray upload right away, so sending is quick. */
  startTray(): void {
    const { state, token } = this.store;
    const c = state.conversation;
    if (!isOpen(c) || !token) return;
    for (const u of trayOf(state.uploads))
      if (u.status === 'queued') this.uploadOne(u.key, c.id).catch(() => undefined);
  }

  private async filesFor(clientId: string, conversationId: string): Promise<Attachment[]> {
    const items = ownedBy(this.store.state.uploads, clientId);
    const results = await Promise.allSettled(
      items.map((u) => this.uploadOne(u.key, conversationId)),
    );
    for (const r of results) {
      if (r.status === 'fulfilled') continue;
      const e = RequestError.of(r.reason, 'UPLOAD_FAILED');
      // Refused files went back to the tray; the rest of the message still goes.
      if (!isPermanent(e.code)) throw e;
    }
    return uploadedFor(this.store.state.uploads, clientId, conversationId);
  }

  private uploadOne(key: string, conversationId: string): Promise<Attachment> {
    const s = this.store;
    const running = this.inflight.get(key);
    if (running?.conversationId === conversationId) return running.promise;
    running?.abort.abort();
    const item = s.state.uploads.find((u) => u.key === key);
    if (!item) return Promise.reject(new RequestError('ABORTED'));
    if (!needsUpload(item, conversationId)) return Promise.resolve(item.attachment!);
    const abort = new AbortController();
    const current = () => this.inflight.get(key)?.abort === abort;
    const patch = (p: Partial<UploadItem>) =>
      s.set({ uploads: patchUpload(s.state.uploads, key, p) });
    patch(started(conversationId));
    const promise = (s.deps.upload ?? xhrUpload)({
      token: s.token ?? '',
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
        const e = RequestError.of(err, 'UPLOAD_FAILED');
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
}
