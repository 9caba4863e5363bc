import { ScrollArea } from '@mantine/core';
import type { Conversation } from '@parley/protocol';
import { useCallback, useEffect } from 'react';
import type { ChatGroups } from '../../client/conversations/groups';
import { useConsole, useConsoleState, useDrafted } from '../../context';
import { useNow } from '../../hooks/useNow';
import { navigate } from '../../hooks/useRoute';
import { ChatSection } from './ChatSection';
import { StatusHint } from './StatusHint';

const CLOSED_SHOWN = 5;

/**
 * The agent's worklist, in groups. "My chats" works as the tab strip: every chat the agent is
 * in, newest on top, each keeping its draft; Alt+↑ / Alt+↓ moves between them.
 */
export function ChatNavbar({ groups, onChats }: { groups: ChatGroups; onChats: boolean }) {
  const { client } = useConsole();
  const state = useConsoleState();
  const drafted = useDrafted();
  const now = useNow();
  const onSelect = useCallback(
    (id: string) => {
      client.select(id);
      navigate({ page: 'chats' });
    },
    [client],
  );

  useSwitchKeys(groups.mine, state.selectedId, onSelect);

  const loading = 'Loading…';
  const shared = { state, showSelection: onChats, drafted, now, onSelect };
  return (
    <ScrollArea component="nav" aria-label="Chats" h="100%" type="hover" scrollbarSize={8}>
      <StatusHint />
      <ChatSection
        title="My chats"
        kind="mine"
        conversations={groups.mine}
        {...shared}
        emptyText={state.loaded ? 'Chats you accept show up here.' : loading}
        countLabel={(n) => `${n} open`}
      />
      <ChatSection
        title="Unassigned"
        kind="waiting"
        conversations={groups.unassigned}
        {...shared}
        emptyText={state.loaded ? 'Nobody is waiting. Nice work.' : loading}
        countLabel={(n) => `${n} waiting`}
        highlightCount
      />
      {groups.allActive && (
        <ChatSection
          title="All active"
          kind="all"
          conversations={groups.allActive}
          {...shared}
          emptyText={state.loaded ? 'No chats in progress.' : loading}
          countLabel={(n) => `${n} active`}
        />
      )}
      <ChatSection
        title="Closed"
        kind="closed"
        conversations={groups.closed}
        {...shared}
        emptyText={state.loaded ? 'Chats you close are kept here.' : loading}
        countLabel={(n) => `${n} closed`}
        collapsedLimit={CLOSED_SHOWN}
      />
    </ScrollArea>
  );
}

/** Alt+↑ / Alt+↓ moves through `order` (My chats), wrapping around. */
function useSwitchKeys(
  order: readonly Conversation[],
  selectedId: string | null,
  onSelect: (id: string) => void,
) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') || order.length === 0) return;
      e.preventDefault();
      const at = order.findIndex((c) => c.id === selectedId);
      const step = e.key === 'ArrowUp' ? -1 : 1;
      const next = order[(at + step + order.length) % order.length] ?? order[0];
      if (next) onSelect(next.id);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [order, selectedId, onSelect]);
}
