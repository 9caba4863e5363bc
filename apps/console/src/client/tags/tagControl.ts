import type { Conversation, Tag } from '@parley/protocol';
import type { Store } from '../core/store';
import { applyTagList } from './tags';

export interface TagsSnapshot {
  tags: readonly Tag[];
  status: 'idle' | 'loading' | 'ready' | 'error';
}

/**
 * The installation's tags, read once on first use and kept live by `tags:updated`; changes to
 * a tag show on every chat this console holds. A reconnect reads them again (an event may
 * have been missed meanwhile).
 */
export class TagControl {
  private snap: TagsSnapshot = { tags: [], status: 'idle' };
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly store: Store,
    private readonly fetchTags: () => Promise<Tag[]>,
    private readonly applyConversation: (c: Conversation) => void,
  ) {
    store.socket.on('tags:updated', (e) => this.set(e.tags));
    store.socket.on('connect', () => {
      if (this.snap.status !== 'idle') void this.reload();
    });
  }

  readonly subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };

  readonly snapshot = (): TagsSnapshot => this.snap;

  ensure(): void {
    if (this.snap.status === 'idle' || this.snap.status === 'error') void this.reload();
  }

  async reload(): Promise<void> {
    if (this.snap.status !== 'ready') this.publish({ ...this.snap, status: 'loading' });
    try {
      this.set(await this.fetchTags());
    } catch {
      this.publish({ ...this.snap, status: 'error' });
    }
  }

  /** A chat as the server answered a rename or tag change: shown before its broadcast comes. */
  applyChat(c: Conversation): void {
    this.applyConversation(c);
  }

  private set(tags: readonly Tag[]): void {
    const sorted = [...tags].sort((a, b) => a.name.localeCompare(b.name));
    this.publish({ tags: sorted, status: 'ready' });
    this.store.update(applyTagList(this.store.state, sorted));
  }

  private publish(next: TagsSnapshot): void {
    this.snap = next;
    for (const l of this.listeners) l();
  }
}
