import { useEffect, useState } from 'preact/hooks';
import type { ChatStore } from '../state/chatStore';
import { addPage, earlierItems, type EarlierState } from '../state/earlier';
import { strings } from '../strings';
import { DayDivider } from './DayDivider';
import type { FileActions } from './Files';
import { MessageBubble } from './MessageBubble';

const PAGE = 5;
const line = (key: string, text: string) => (
  <div key={key} class="day" role="separator">
    <span>{text}</span>
  </div>
);

/** The visitor's earlier chats, opened from "Earlier conversations (N)" (lazy chunk). */
export function EarlierList({
  store,
  id,
  files,
}: {
  store: ChatStore;
  id: string | undefined;
  files: FileActions;
}) {
  const [state, setState] = useState<EarlierState | null>(null);
  const load = (before?: string) =>
    store.earlier({ conversationId: id, before, limit: PAGE }).then(
      (page) => setState((s) => addPage(s, page)),
      () => undefined, // the control stays; opening it again tries again
    );
  useEffect(() => void load(), []);
  if (!state) return null;
  return (
    <div class="past">
      {state.cursor && (
        <button type="button" class="link-btn" onClick={() => void load(state.cursor!)}>
          {strings.olderChats}
        </button>
      )}
      {earlierItems(state.list).map((item) =>
        item.kind === 'sep' ? (
          line(item.key, item.text)
        ) : item.kind === 'day' ? (
          <DayDivider key={item.key} date={item.date} />
        ) : (
          <MessageBubble key={item.key} item={item} onRetry={() => undefined} files={files} />
        ),
      )}
    </div>
  );
}
