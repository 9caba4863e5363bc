import { ScrollArea } from '@mantine/core';
import { useCallback, useMemo } from 'react';
import { myConversations, waitingConversations } from '../../client/selectors';
import { useConsole, useConsoleState } from '../../context';
import { useNow } from '../../hooks/useNow';
import { ChatSection } from './ChatSection';
import { StatusHint } from './StatusHint';

/**
 * The agent's worklist. Each section is one filter over the store, so adding "Closed" later is
 * one more section here.
 */
export function ChatNavbar() {
  const { client } = useConsole();
  const state = useConsoleState();
  const now = useNow();
  const waiting = useMemo(() => waitingConversations(state), [state]);
  const mine = useMemo(() => myConversations(state), [state]);
  const onSelect = useCallback((id: string) => client.select(id), [client]);

  return (
    <ScrollArea component="nav" aria-label="Chats" h="100%" type="hover" scrollbarSize={8}>
      <StatusHint />
      <ChatSection
        title="Waiting"
        kind="waiting"
        conversations={waiting}
        state={state}
        now={now}
        onSelect={onSelect}
        emptyText={state.loaded ? 'Nobody is waiting. Nice work.' : 'Loading…'}
        countLabel={(n) => `${n} waiting`}
        highlightCount
      />
      <ChatSection
        title="My chats"
        kind="mine"
        conversations={mine}
        state={state}
        now={now}
        onSelect={onSelect}
        emptyText={state.loaded ? 'Chats you accept show up here.' : 'Loading…'}
        countLabel={(n) => `${n} open`}
      />
    </ScrollArea>
  );
}
