import { AppShell } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useEffect, useMemo } from 'react';
import { waitingConversations } from '../client/selectors';
import { useConsoleState } from '../context';
import { useMarkReadOnReturn } from '../hooks/useMarkReadOnReturn';
import { useWaitingTitle } from '../hooks/useWaitingTitle';
import { ChatView } from './chat/ChatView';
import { EmptyState } from './EmptyState';
import { AppHeader } from './header/AppHeader';
import { ChatNavbar } from './navbar/ChatNavbar';
import { NoticeToast } from './NoticeToast';
import { VisitorPanel } from './visitor/VisitorPanel';

/** The console layout: header, chat lists on the left, the open chat, its visitor on the right. */
export function ConsoleShell() {
  const state = useConsoleState();
  const waiting = useMemo(() => waitingConversations(state), [state]);
  const selected = state.selectedId ? state.conversations[state.selectedId] : undefined;
  const [navOpened, nav] = useDisclosure(false);
  useWaitingTitle(waiting.length);
  useMarkReadOnReturn();

  // On narrow screens the list is a drawer: picking a chat should reveal the chat.
  const closeNav = nav.close;
  useEffect(() => closeNav(), [state.selectedId, closeNav]);

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{
        width: { base: 280, lg: 320 },
        breakpoint: 'sm',
        collapsed: { mobile: !navOpened },
      }}
      aside={{
        width: { base: 260, xl: 300 },
        breakpoint: 'md',
        collapsed: { desktop: !selected, mobile: true },
      }}
      padding={0}
    >
      <AppShell.Header>
        <AppHeader navOpened={navOpened} onToggleNav={nav.toggle} />
      </AppShell.Header>
      <AppShell.Navbar>
        <ChatNavbar />
      </AppShell.Navbar>
      <AppShell.Main h="100dvh" style={{ display: 'flex' }}>
        {selected ? (
          <ChatView key={selected.id} conversation={selected} />
        ) : (
          <EmptyState waiting={waiting.length} />
        )}
      </AppShell.Main>
      {selected && (
        <AppShell.Aside>
          <VisitorPanel conversation={selected} />
        </AppShell.Aside>
      )}
      <NoticeToast />
    </AppShell>
  );
}
