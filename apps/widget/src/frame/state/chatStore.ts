import type {
  EarlierInput,
  EarlierResponse,
  RatingValue,
  TicketInput,
  WidgetLanguage,
} from '@parley/protocol/contract';
import { ConnectionControl } from './connection';
import { ConversationControl } from './conversation';
import type { Features } from './features';
import { FormsControl } from './forms';
import type { PrechatValues } from './prechat';
import { SendingControl } from './sending';
import { Store, type StoreDeps } from './store';
import type { ChatState, Outcome, TicketOutcome } from './types';
import type { FileLike } from './uploads';
import { VisitorControl } from './visitor';

export type { StoreDeps } from './store';

/**
 * The visitor's chat: the socket, the conversation, its messages and the outbox. It lives
 * outside the components, which only read its state and call its actions. Each feature is a
 * controller over one Store (see features.ts); this is the face the components see.
 */
export class ChatStore implements Features {
  private readonly store: Store;
  readonly connection: ConnectionControl;
  readonly conversation: ConversationControl;
  readonly sending: SendingControl;
  readonly forms: FormsControl;
  readonly visitor: VisitorControl;

  constructor(deps: StoreDeps) {
    const store = (this.store = new Store(deps));
    this.connection = new ConnectionControl(store, this);
    this.conversation = new ConversationControl(store, this);
    this.sending = new SendingControl(store, this);
    this.forms = new FormsControl(store, this);
    this.visitor = new VisitorControl(store, this);
    store.state = {
      ...store.state,
      ticket: this.forms.storedTicket(),
      muted: store.stored('muted') === '1',
    };
    this.visitor.updateLanguage();
  }

  getState = (): ChatState => this.store.state;

  subscribe = (listener: () => void): (() => void) => this.store.subscribe(listener);

  /** Images and downloads of the chat's files (fetched with the visitor's token). */
  get files() {
    return this.sending.files;
  }

  /** The loader's 'init' (see ConnectionControl.init). */
  init(token: string, language: string | null): void {
    this.connection.init(token, language);
  }

  /** `Parley.setLanguage` (null: back to the site's or the browser's language). */
  setLanguage(language: string | null): void {
    this.visitor.setLanguage(language);
  }

  dispose(): void {
    this.store.disposed = true;
    this.sending.dispose();
    this.conversation.dispose();
    this.store.dispose();
  }

  // ---- sending -------------------------------------------------------------------------

  /** Queues a message with the tray's files; false when there is nothing to send. */
  send(text: string): boolean {
    return this.sending.send(text);
  }

  addFiles(files: readonly FileLike[]): void {
    this.sending.addFiles(files);
  }

  removeFile(key: string): void {
    this.sending.removeFile(key);
  }

  retry(clientId: string): void {
    this.sending.retry(clientId);
  }

  chooseDepartment(departmentId: string): void {
    this.sending.chooseDepartment(departmentId);
  }

  draftChanged(text: string): void {
    this.sending.draftChanged(text);
  }

  /** The composer's text, to start it with after it was replaced by the form and back. */
  get draftText(): string {
    return this.sending.draft;
  }

  /** The form's message becomes the composer's draft ("Chat with us instead"). */
  keepDraft(text: string): void {
    this.sending.draft = text;
  }

  leftoverText(): string {
    return this.sending.leftoverText();
  }

  // ---- the conversation ----------------------------------------------------------------

  answer(messageId: string, choice: number): Promise<void> {
    return this.conversation.answer(messageId, choice);
  }

  startNewChat(): void {
    this.conversation.startNewChat();
  }

  endChat(): Promise<boolean> {
    return this.conversation.endChat();
  }

  setHostOpen(open: boolean): void {
    this.conversation.setHostOpen(open);
  }

  setAttention(visible: boolean, focused: boolean): void {
    this.conversation.setAttention(visible, focused);
  }

  toggleMute(): void {
    this.conversation.toggleMute();
  }

  /** The visitor's earlier conversations (limit 0: how many there are). */
  earlier(input: EarlierInput): Promise<EarlierResponse> {
    return this.store.request('conversation:earlier', input);
  }

  /** Another tab may have marked messages seen. */
  refreshUnread(): void {
    this.store.set({});
  }

  // ---- forms ---------------------------------------------------------------------------

  submitPrechat(values: PrechatValues): Promise<Outcome> {
    return this.forms.submitPrechat(values);
  }

  sendTicket(input: TicketInput): Promise<TicketOutcome> {
    return this.forms.sendTicket(input);
  }

  dismissTicket(): void {
    this.forms.dismissTicket();
  }

  rate(rating: RatingValue, comment: string): Promise<Outcome> {
    return this.forms.rate(rating, comment);
  }

  sendTranscript(
    email: string,
    language?: WidgetLanguage,
    toShop?: boolean,
  ): Promise<Outcome & { sentTo?: string }> {
    return this.forms.sendTranscript(email, language, toShop);
  }

  // ---- the visitor ---------------------------------------------------------------------

  updateVisitor(values: { name: string; email: string }): Promise<Outcome> {
    return this.visitor.updateVisitor(values);
  }

  declineInvitation(): void {
    this.visitor.declineInvitation();
  }
}
