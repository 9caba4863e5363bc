import { useEffect, useState } from 'preact/hooks';
import type { ChatStore } from '../state/chatStore';
import { fmt, strings } from '../strings';
import type { FileActions } from './Files';
import { useExtras } from './lazy';

/**
 * "Earlier conversations (N)" above the chat, collapsed: only the count is read with the
 * chat; the history itself (and its code) loads when the visitor opens it.
 */
export function Earlier(p: {
  store: ChatStore;
  /** The chat shown below; undefined: none, so every ended one counts. */
  id: string | undefined;
  online: boolean;
  files: FileActions;
}) {
  const [count, setCount] = useState(0);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    setOpen(false);
    if (p.online)
      p.store.earlier({ conversationId: p.id, limit: 0 }).then(
        (r) => setCount(r.total),
        () => undefined,
      );
  }, [p.id, p.online]);
  const x = useExtras(open);
  return count ? (
    <div class="earlier">
      <button type="button" class="link-btn" aria-expanded={open} onClick={() => setOpen(!open)}>
        {fmt(strings.earlier, count)}
      </button>
      {open && x && <x.EarlierList store={p.store} id={p.id} files={p.files} />}
    </div>
  ) : null;
}
