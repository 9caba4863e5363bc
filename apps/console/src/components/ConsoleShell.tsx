import { AppShell, Center, Loader } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { attention, chatGroups } from '../client/conversations/groups';
import { useConsoleState } from '../context';
import { useAutoAway } from '../hooks/useAutoAway';
import { useMarkReadOnReturn } from '../hooks/useMarkReadOnReturn';
import { useRoute } from '../hooks/useRoute';
import { useWaitingTitle } from '../hooks/useWaitingTitle';
import { ChatView } from './chat/ChatView';
import { DirectChatView } from './direct/DirectChatView';
import { EmptyState } from './EmptyState';
import { AppHeader } from './header/AppHeader';
import { InvitationCards } from './invitations/InvitationCards';
import { ChatNavbar } from './navbar/ChatNavbar';
import { NoticeToast } from './NoticeToast';
import { SidePanel, type SideTab } from './side/SidePanel';

// Pages visited now and then load on demand, keeping the chat console's first load small.
const TicketsPage = lazy(() => import('./pages/TicketsPage'));
const VisitorsPage = lazy(() => import('./pages/VisitorsPage'));
const SettingsPage = lazy(() => import('./pages/SettingsPage'));
const RepliesPage = lazy(() => import('./pages/RepliesPage'));
const ArchivePage = lazy(() => import('./pages/ArchivePage'));
const ContactsPage = lazy(() => import('./contacts/ContactsPage'));

/** The console layout: header, chat lists on the left, the open chat or a page, a side panel. */
export function ConsoleShell() {
  const state = useConsoleState();
  const route = useRoute();
  const groups = useMemo(() => chatGroups(state), [state]);
  const counts = useMemo(() => attention(state, groups), [state, groups]);
  const selected = state.selectedId ? state.conversations[state.selectedId] : undefined;
  const [navOpened, nav] = useDisclosure(false);
  const [sideTab, setSideTab] = useState<SideTab>('visitor');
  useWaitingTitle(counts.total);
  useMarkReadOnReturn();
  useAutoAway();

  // On narrow screens the list is a drawer: picking a chat should reveal the chat.
  const closeNav = nav.close;
  useEffect(() => closeNav(), [state.selectedId, state.directWith, closeNav]);

  const onChats = route.page === 'chats';
  let main;
  if (route.page === 'visitors') main = <VisitorsPage />;
  else if (route.page === 'tickets') main = <TicketsPage ticketId={route.ticketId} />;
  else if (route.page === 'replies') main = <RepliesPage />;
  else if (route.page === 'archive')
    main = <ArchivePage key={route.conversationId} conversationId={route.conversationId} />;
  else if (route.page === 'contacts')
    main = <ContactsPage key={route.contactId} contactId={route.contactId} />;
  else if (route.page === 'settings') main = <SettingsPage section={route.section} />;
  else if (state.directWith) main = <DirectChatView agentId={state.directWith} />;
  else if (selected) main = <ChatView key={selected.id} conversation={selected} />;
  else main = <EmptyState waiting={groups.unassigned.length} />;

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{
        width: { base: 280, lg: 320 },
        breakpoint: 'sm',
        collapsed: { mobile: !navOpened },
      }}
      aside={{
        width: { base: 280, xl: 320 },
        breakpoint: 'md',
        collapsed: { desktop: !onChats, mobile: true },
      }}
      padding={0}
    >
      <AppShell.Header>
        <AppHeader navOpened={navOpened} onToggleNav={nav.toggle} route={route} counts={counts} />
      </AppShell.Header>
      <AppShell.Navbar>
        <ChatNavbar groups={groups} onChats={onChats} />
      </AppShell.Navbar>
      <AppShell.Main h="100dvh" style={{ display: 'flex' }}>
        <Suspense
          fallback={
            <Center flex={1}>
              <Loader aria-label="Loading page" />
            </Center>
          }
        >
          {main}
        </Suspense>
      </AppShell.Main>
      {onChats && (
        <AppShell.Aside>
          <SidePanel
            conversation={state.directWith ? null : (selected ?? null)}
            tab={sideTab}
            onTab={setSideTab}
            unreadDirects={counts.unreadDirects}
          />
        </AppShell.Aside>
      )}
      <InvitationCards />
      <NoticeToast />
    </AppShell>
  );
}
