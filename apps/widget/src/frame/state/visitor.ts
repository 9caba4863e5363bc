import type { ProactiveInvitation, WidgetLanguage } from '@parley/protocol/contract';
import { pickLanguage } from '../language';
import type { Features } from './features';
import { fail, type Store } from './store';
import { isOpen, type Outcome } from './types';

/** Who the visitor is ("Your details"), the language they read, and invitations to chat. */
export class VisitorControl {
  /** `Parley.setLanguage`, from the loader. */
  private apiLanguage: string | null = null;
  private languageWanted: WidgetLanguage | null = null;

  constructor(
    private readonly store: Store,
    private readonly f: Features,
  ) {}

  /**
   * "Your details". Only what the visitor changed is sent: resending an unchanged verified
   * email as typed-by-the-visitor would cost it its verification.
   */
  async updateVisitor(values: { name: string; email: string }): Promise<Outcome> {
    const s = this.store;
    const before = s.state.visitor;
    const name = values.name.trim() || null;
    const email = values.email.trim().toLowerCase() || null;
    const input = {
      ...(name !== (before?.name ?? null) ? { name } : {}),
      ...(email !== (before?.email ?? null) ? { email } : {}),
    };
    if (Object.keys(input).length === 0) return { ok: true };
    try {
      const { visitor } = await s.request('visitor:update', input);
      s.set({ visitor });
      return { ok: true };
    } catch (err) {
      return fail(err);
    }
  }

  /** `Parley.setLanguage` (null: back to the site's or the browser's language). */
  setLanguage(language: string | null): void {
    this.apiLanguage = language;
    this.updateLanguage();
  }

  /** The language the chat should be in now; its strings load before it is shown. */
  updateLanguage(): void {
    const s = this.store;
    const browser = s.deps.browserLanguages?.() ?? [];
    const wanted = pickLanguage(this.apiLanguage, s.state.config?.language, browser);
    if (wanted === this.languageWanted) return;
    this.languageWanted = wanted;
    const load = s.deps.loadLanguage;
    if (!load) return s.set({ lang: wanted });
    load(wanted).then(
      // A later choice may have overtaken this one while it loaded.
      () => this.languageWanted === wanted && s.set({ lang: wanted }),
      () => undefined,
    );
  }

  onInvitation(invitation: ProactiveInvitation): void {
    const s = this.store;
    const current = s.state.invitation;
    if (invitation.status === 'pending') {
      if (current?.id === invitation.id || isOpen(s.state.conversation)) return;
      // An ended chat makes way, as "Start a new chat" would.
      if (s.state.conversation) this.f.conversation.startNewChat();
      s.set({ invitation });
      // Shown even if the chat is minimized: loader.js opens it without taking focus.
      s.emit({ type: 'open' });
      if (!s.state.muted && (!this.f.conversation.pageVisible || !s.state.hostOpen))
        s.emit({ type: 'chime' });
    } else if (current?.id === invitation.id) {
      // Replied to in another tab: that chat is this visitor's too.
      if (invitation.status === 'accepted' && invitation.conversationId) {
        s.set({ invitation });
        if (s.state.conversation?.id !== invitation.conversationId)
          void this.f.connection.loadCurrent();
      } else {
        s.set({ invitation: null });
      }
    }
  }

  /** "No thanks" on a proactive invitation. */
  declineInvitation(): void {
    const invitation = this.store.state.invitation;
    if (invitation?.status !== 'pending') return;
    this.store.set({ invitation: null });
    this.store
      .request('invitation:decline', { invitationId: invitation.id })
      .catch(() => undefined);
  }
}
